# Every kind of bad format spec raises CPython's exception with its exact message.
cases = ((1, "q"), (1.5, "d"), ("s", "="), ("s", "+"), ("s", "#"), (1, ",c"), (1, ".2d"),
         (1, ",_"), (1, "__"), (1, "."), (None, ">5"), ((1, 2), "x"), (1, "99999999999999999999"),
         (0x110000, "c"), (-1, "c"), ("s", "d"), (1.5, "c"), (1, "z"), ("x", "z"))
for value, spec in cases:
    try:
        print(repr(format(value, spec)))
    except (ValueError, TypeError, OverflowError) as e:
        print(type(e).__name__, e)
print(f"{1:{'bad'}}")
