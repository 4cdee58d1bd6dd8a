"""Docstrings: functions', classes' and the module's `__doc__`."""
import functools


def f():
    """Return one.

    More text.
    """
    return 1


def g():
    return 2


class C:
    """A class."""

    def m(self):
        "Method doc."


class D:
    x = 1


@functools.wraps(f)
def w():
    return f()


print(repr(f.__doc__), g.__doc__, C.__doc__, C.m.__doc__, D.__doc__, w.__doc__ == f.__doc__, __doc__)
print((lambda: 0).__doc__)


def inner_doc():
    return __doc__


f.__doc__ = "changed"
print(f.__doc__, inner_doc())
del f.__doc__
print(f.__doc__)


def deco(fn):
    print("deco sees", fn.__doc__)
    return fn


@deco
def h():
    """H doc."""


class E(Exception):
    """An error."""


print(E.__doc__, E("x").__doc__, type(None).__doc__ is None)
