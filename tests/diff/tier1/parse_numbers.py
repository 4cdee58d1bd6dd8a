# int() and float() of strings parse as CPython does
print(int("42"), int("  -7 "), int("1_000"), int("123456789012345678901234567890"))
print(float("2.5"), float(" -1e3 "), float("inf"), float("-0.0"), float("1_0.5"))
print(int("12") + 1, float("0.1") + 0.2)
