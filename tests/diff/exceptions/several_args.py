# Builtin exception classes called with several arguments, keywords or *args: the class is
# called as a value, as CPython calls it.
e = ValueError("a", 2)
print(e.args, str(e), repr(e))
try:
    raise KeyError("k", 1)
except KeyError as x:
    print(x, x.args)
try:
    raise ValueError("bad", 42)
except ValueError as v:
    print(v.args, v)
print(repr(RuntimeError()), repr(IndexError(1, 2, 3)), str(IndexError(1, 2, 3)))
parts = ("x", [1, 2])
print(repr(TypeError(*parts)), repr(LookupError(*())))
try:
    ValueError(x=1)
except TypeError as t:
    print("TypeError:", t)
try:
    raise ArithmeticError("one", "two") from KeyError("cause", 0)
except ArithmeticError as a:
    print(a, "from", repr(a.__cause__))


class E(Exception):
    pass


print(repr(E("a", "b")))
cls = ZeroDivisionError
print(repr(cls("via", "value")))
raise ZeroDivisionError("a", ["b"])
