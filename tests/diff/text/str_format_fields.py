# str.format's fields written straight onto its text: every builtin type, nested specs,
# conversions, a class's __format__ (its result, its errors, a non-str result), bad specs.


class F:
    def __format__(self, spec):
        if spec == "bad":
            raise ValueError("F refuses " + spec)
        if spec == "num":
            return 7
        return "F[" + spec + "]"


print("{} {:>6} {:06d} {:.3f} {:+.2e} {:,} {!r:>8} {:x}".format(5, "ab", -42, 2 / 3, 12345.678, 10**12, "q", 255))
print("{0}-{0:*^9}-{1!s}-{1!a}-{2:%}".format("é€", "ü", 0.25))
print("{:{}{}}|{:{w}.{p}f}|{x:>{w}}".format(3.14159, ">", 10, 2.71828, w=9, p=2, x="k"))
print("{} {} {} {:d} {:>5}".format(True, None, [1, 2], False, None.__class__.__name__))
print("{}|{:abc}|{!r}".format(F(), F(), "F"))
print("{:,}|{:_}|{:08.3f}|{:<9.1%}|{:^+7d}".format(-1234567, 9876543, -3.14159, 0.0625, 42))
for template, args in [("{:q}", (1,)), ("{:bad}", (F(),)), ("{:num}", (F(),)), ("{:d}", ("s",)), ("{:.2}", (5,)), ("{:,s}", ("x",))]:
    try:
        print(template.format(*args))
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print("{}".format("x" * 300)[-3:], len("{:>500}".format(1)))
