# Builtin functions and classes as values.
conv = [int, float, str, bool]
print([c("1") for c in conv])
f = len
print(f("abcd"), f([1, 2]))
g = abs
print(g(-3), list(map(abs, [-1, 2, -3])))
to_list = list
print(to_list("ab"), tuple([1, 2]), set([1]) == {1})
print(repr(len), repr(int))
print(callable(len), callable(int), callable(lambda: 0), callable(3))
r = repr
print(r("x"), r(1.5))
try:
    f(1)
except TypeError as e:
    print(e)
try:
    int("x")
except ValueError as e:
    print(e)
