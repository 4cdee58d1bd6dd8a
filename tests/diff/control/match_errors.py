# Errors raised while matching, with CPython's messages and traceback lines.
import sys


class NoArgs:
    pass


class BadArgs:
    __match_args__ = ["x"]


class Two:
    __match_args__ = ("a", "a")

    def __init__(self):
        self.a = 1


class Boom:
    @property
    def x(self):
        raise ValueError("boom")


class NotStr:
    __match_args__ = (1,)


def attempt(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ":", e)


def too_many():
    match NoArgs():
        case NoArgs(1):
            pass


def not_tuple():
    match BadArgs():
        case BadArgs(1):
            pass


def repeated():
    match Two():
        case Two(x, y):
            pass


def kw_repeat():
    match Two():
        case Two(p, a=q):
            pass


def not_type():
    kind = len
    match 3:
        case kind():
            pass


def raising_attr():
    match Boom():
        case Boom(x=1):
            pass


def elements():
    match NotStr():
        case NotStr(v):
            pass


def dup_keys():
    class K:
        A = "k"
        B = "k"
    match {"k": 1, "j": 2}:
        case {K.A: 1, K.B: 2}:
            pass


def unhashable_key():
    class K:
        L = []
    match {"k": 1}:
        case {K.L: 1}:
            pass


def int_self_too_many():
    match 5:
        case int(a, b):
            pass


for f in [too_many, not_tuple, repeated, kw_repeat, not_type, raising_attr, elements, dup_keys, unhashable_key, int_self_too_many]:
    attempt(f)

sys.stdout.flush()


class Loud:
    def __eq__(self, other):
        raise RuntimeError("no comparing")


def deep(v):
    match v:
        case [1, 2]:
            return "a"
        case [
            x,
            "literal",
        ]:
            return "b"


print(deep([1, 2]))
deep([3, Loud()])
