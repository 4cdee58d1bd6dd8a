# `class C(metaclass=ABCMeta)`, `metaclass=type`, ABCMeta called directly, and a metaclass
# conflict.
from abc import ABCMeta, abstractmethod
from enum import Enum


class Base(metaclass=ABCMeta):
    @abstractmethod
    def run(self): ...

    def twice(self):
        return [self.run(), self.run()]


class Job(Base):
    def run(self):
        return "ran"


class Plain(metaclass=type):
    pass


print(Job().twice(), type(Base).__name__, Base.__bases__, Base.__abstractmethods__, type(Plain))
try:
    Base()
except TypeError as e:
    print(e)
Dyn = ABCMeta("Dyn", (Base,), {"run": lambda self: "dyn"})
print(Dyn().run(), Dyn.__name__, sorted(Dyn.__abstractmethods__))
for args in [("X",), ("X", ()), ("X", (), {}, 1)]:
    try:
        ABCMeta(*args)
    except TypeError as e:
        print(e)


class Color(Enum):
    RED = 1


try:
    class Mixed(Color, metaclass=ABCMeta):
        pass
except TypeError as e:
    print(e)
