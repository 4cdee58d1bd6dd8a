# abc: ABC, ABCMeta, abstractmethod; abstract properties, classmethods and staticmethods;
# CPython's "Can't instantiate abstract class" errors.
import math
from abc import ABC, ABCMeta, abstractmethod


class Shape(ABC):
    @abstractmethod
    def area(self) -> float: ...

    @abstractmethod
    def perimeter(self) -> float: ...

    def describe(self):
        return f"{type(self).__name__}: area {self.area():.2f}, perimeter {self.perimeter():.2f}"


class Circle(Shape):
    def __init__(self, r):
        self.r = r

    def area(self):
        return math.pi * self.r ** 2

    def perimeter(self):
        return 2 * math.pi * self.r


class HalfDone(Shape):
    def area(self):
        return 0.0


class Square(HalfDone):
    def __init__(self, s):
        self.s = s

    def area(self):
        return self.s ** 2

    def perimeter(self):
        return 4 * self.s


print(Circle(1).describe(), Square(2).describe())
print(sorted(Shape.__abstractmethods__), sorted(HalfDone.__abstractmethods__), Square.__abstractmethods__)
print(type(Shape), type(Circle), isinstance(Circle(2), Shape), issubclass(Square, ABC), type(ABC).__name__)
for cls in (Shape, HalfDone):
    try:
        cls()
    except TypeError as e:
        print(e)


class Named(ABC):
    @property
    @abstractmethod
    def name(self): ...

    @classmethod
    @abstractmethod
    def make(cls): ...

    @staticmethod
    @abstractmethod
    def version(): ...


class Impl(Named):
    @property
    def name(self):
        return "impl"

    @classmethod
    def make(cls):
        return cls()

    @staticmethod
    def version():
        return 3


print(sorted(Named.__abstractmethods__), Impl.make().name, Impl.version())
try:
    Named()
except TypeError as e:
    print(e)


def f():
    pass


g = abstractmethod(f)
print(g is f, f.__isabstractmethod__, ABC().__class__.__name__, abstractmethod.__name__)


class Plain(ABC):
    x = 1


print(Plain().x, Plain.__abstractmethods__, ABCMeta.__name__)
HalfDone()
