# Exception attributes (args, __cause__, __context__, __suppress_context__), isinstance, type(x).__name__, classes as values.
def f(x):
    try:
        return 10 // x
    except ZeroDivisionError as e:
        print(e.args, type(e).__name__, e.__cause__, e.__context__, e.__suppress_context__)
        return -1
print(f(0), f(5))
try:
    try:
        int("q")
    except ValueError as inner:
        raise KeyError("k") from inner
except KeyError as outer:
    print(repr(outer), outer.args, repr(outer.__cause__), outer.__suppress_context__, outer.__context__ is outer.__cause__)
print(isinstance(1, int), isinstance(True, int), isinstance(1.5, int), isinstance("s", (int, str)), isinstance((1,), tuple))
print(type(1).__name__, type(2.5).__name__, type("x").__name__, type(None).__name__, type((1, 2)).__name__, type(True).__name__)
print(type(1) is int, type(True) is int, int.__name__, ValueError.__name__, isinstance(KeyError(), LookupError))
print((5).real, True.numerator, (2.5).imag, ValueError("a", ).args, ValueError().args)
print(int, str, ValueError, type(int))
def g(v):
    return isinstance(v, (int, float))
for v in (1, 2.0, "3", None, (4,)):
    print(g(v), type(v).__qualname__, type(v).__module__)
