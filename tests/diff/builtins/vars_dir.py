# vars(obj) and dir(obj): instance, class, builtin values, slots, exceptions, user __dir__.
import math


class Base:
    kind = "base"

    def __init__(self):
        self.a = 1

    def method(self):
        return self.a


class Child(Base):
    extra = 2

    def __init__(self):
        super().__init__()
        self.b = [1, 2]

    @property
    def total(self):
        return self.a + len(self.b)


class Slotted:
    __slots__ = ("x", "y")

    def __init__(self):
        self.x = 1


class WithDictSlot:
    __slots__ = ("x", "__dict__")


class Custom:
    def __dir__(self):
        return ["zeta", "alpha", "mid"]


class AppError(Exception):
    code = 3


c = Child()
print(vars(c))
print(sorted(k for k in vars(Base) if not k.startswith("__")))
print(dir(c))
print(dir(Child))
print([n for n in dir(Base) if not n.startswith("__")])
print(dir(Slotted()))
print([n for n in dir(WithDictSlot) if n in ("x", "__dict__", "__weakref__")])
print(dir(Custom()))
print([n for n in dir(AppError("x")) if not n.startswith("__")], "__weakref__" in dir(AppError))
print(dir(5)[-6:], dir("s")[-3:], len(dir([])), dir({})[-3:])
print([n for n in dir(math) if not n.startswith("_")][:6])


def f():
    return 1


f.tag = "t"
print([n for n in dir(f) if not n.startswith("__")], vars(f))
print(dir(None)[:3], dir(True)[-2:])
for bad in (5, "s", [1], None):
    try:
        vars(bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    vars(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    dir(1, 2)
except TypeError as e:
    print("TypeError:", e)
v = vars(c)
v["dynamic"] = 9
print(c.dynamic, "dynamic" in dir(c))


class Weak:
    __slots__ = ["w", "__weakref__"]


class WeakChild(Weak):
    __slots__ = ()


print([n for n in dir(Weak) if n in ("w", "__weakref__", "__dict__")], "__weakref__" in WeakChild.__dict__)
