# pow() with two and three arguments, hex(), oct(), bin(): values and CPython's errors.
print(pow(2, 10), pow(2, -1), pow(2.0, 0.5), pow(-8, 1 / 3) if False else "skip")
print(pow(2, 10, 1000), pow(3, 200, 7), pow(-3, 3, 5), pow(3, 3, -5), pow(0, 0, 7), pow(5, 0, 1))
print(pow(3, -1, 7), pow(38, -1, 97), pow(-2, -3, 11))
print(pow(12345678901234567890, 98765, 10**20 + 39), pow(2, 10**6, 10**9 + 7))
print(pow(base=2, exp=5), pow(2, exp=3, mod=5), pow(True, 2, 3))


class Idx:
    def __index__(self):
        return 42


print(hex(255), hex(-255), hex(0), oct(8), oct(-8), bin(5), bin(-5), bin(0))
print(hex(2**100), oct(-(2**70)), bin(True), hex(Idx()))
for args in [(2, 3, 0), (2, -1, 4), (2.0, 3, 5), (2, 3, 5.0), ("a", 2, 3), (2,)]:
    try:
        print(pow(*args))
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
for f in (hex, oct, bin):
    for bad in (1.5, "10", None):
        try:
            f(bad)
        except TypeError as e:
            print("TypeError:", e)
try:
    pow(0, -1)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    hex(1, 2)
except TypeError as e:
    print("TypeError:", e)
