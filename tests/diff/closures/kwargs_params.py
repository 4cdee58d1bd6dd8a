# **kwargs parameters, ** in calls, and their errors.
def f(a, b=2, *args, c=3, **kw):
    return a, b, args, c, kw

print(f(1))
print(f(1, 2, 3, 4, c=5, d=6, e=7))
print(f(1, d=1, b=9))
opts = {"c": 10, "z": 0}
print(f(*[7, 8, 9], **opts))
print(f(1, **{"b": 5}, x=1))
def only_kw(**kw):
    return sorted(kw.items())
print(only_kw(), only_kw(a=1, b=2))
def posonly(a, /, **kw):
    return a, kw
print(posonly(1, a=2))
def wrapper(fn):
    def inner(*args, **kwargs):
        print("calling", fn.__name__, args, kwargs)
        return fn(*args, **kwargs)
    return inner
@wrapper
def add(x, y, *, scale=1):
    return (x + y) * scale
print(add(1, 2), add(1, y=2, scale=3))
for bad in [lambda: f(1, **{"a": 2}), lambda: f(1, **[1]), lambda: f(1, **{1: 2}), lambda: add(**{"x": 1}, x=2)]:
    try:
        bad()
    except TypeError as e:
        print(e)
print(dict(a=1, b=2), dict({"x": 1}, y=2))
