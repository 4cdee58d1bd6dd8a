# round(), math.floor/ceil/trunc and abs() of instances call the class's __round__ (with
# ndigits when given, None counting as absent), __floor__, __ceil__, __trunc__, __abs__; their
# results are whatever those return (not necessarily ints); CPython's TypeErrors otherwise.
import math


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __round__(self, ndigits=None):
        if ndigits is None:
            return Money(round(self.cents, -2))
        return ("ndigits", ndigits)

    def __floor__(self):
        return self.cents // 100

    def __ceil__(self):
        return -(-self.cents // 100)

    def __trunc__(self):
        return "truncated"

    def __abs__(self):
        return Money(abs(self.cents))

    def __repr__(self):
        return f"Money({self.cents})"


m = Money(-1250)
print(round(m), round(m, 2), round(m, None), math.floor(m), math.ceil(m), math.trunc(m), abs(m))
print(round(m).cents + 1)


class Plain:
    pass


values = [2.5, 3.5, -0.5, 7, True, Money(49), 1234.5678]
for v in values:
    print(repr(v), round(v), round(v, 1), round(v, -1))
for bad in [Plain(), "1.5", None]:
    for f in (round, math.floor, math.trunc):
        try:
            print(f(bad))
        except TypeError as e:
            print(f.__name__, "TypeError:", e)


class Wrong:
    def __round__(self):
        return 0


try:
    round(Wrong(), 3)
except TypeError as e:
    print("TypeError:", e)
total = 0
for x in [1.25, Money(5), 2]:
    r = round(x)
    total += r if isinstance(r, int) else r.cents
print(total)
