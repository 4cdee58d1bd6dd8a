# functools.wraps / update_wrapper, and function attributes (__name__, __qualname__, __dict__).
import functools
from functools import wraps


def logged(func):
    @wraps(func)
    def wrapper(*args, **kwargs):
        print("calling", func.__name__, args)
        return func(*args, **kwargs)
    return wrapper


@logged
def add(a, b):
    return a + b


print(add(2, 3), add.__name__, add.__qualname__, add.__module__, add.__wrapped__(1, 1))


def counted(f):
    def inner(*a):
        inner.calls += 1
        return f(*a)
    inner.calls = 0
    return functools.update_wrapper(inner, f)


@counted
def sq(x):
    return x * x


print(sq(3), sq(4), sq.calls, sq.__name__, sorted(sq.__dict__))
def f():
    pass
f.__name__ = "g"
f.__qualname__ = "G.g"
f.__wrapped__ = len
f.custom = 5
print(f.__name__, f.__qualname__, f.__wrapped__, f.custom, f.__dict__)
del f.custom
print(f.__dict__, functools.WRAPPER_ASSIGNMENTS, functools.WRAPPER_UPDATES)
for bad in [lambda: setattr(f, "__name__", 3), lambda: delattr(f, "nope"), lambda: setattr(f, "__dict__", 1), lambda: f.missing]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
