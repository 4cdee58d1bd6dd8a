# Errors raised by a key function propagate; mixed key types raise CPython's TypeError.
def bad(v):
    if v == 3:
        raise ValueError("three")
    return v

xs = [5, 3, 1]
try:
    xs.sort(key=bad)
except ValueError as e:
    print(e, xs)
try:
    sorted([1, "a"], key=lambda v: v)
except TypeError as e:
    print(e)
print(sorted([1, "a"], key=str))
max([1, 2], key=lambda v: v / 0)
