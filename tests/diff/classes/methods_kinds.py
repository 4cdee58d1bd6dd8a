# staticmethod, classmethod, property (getter, setter, deleter), class-level state.
class Temperature:
    scale = "C"
    made = 0

    def __init__(self, celsius):
        self._c = celsius
        Temperature.made += 1

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError("below absolute zero")
        self._c = value

    @celsius.deleter
    def celsius(self):
        print("deleting")
        del self._c

    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32

    @staticmethod
    def convert(c):
        return c * 9 / 5 + 32

    @classmethod
    def from_f(cls, f):
        return cls((f - 32) * 5 / 9)

    @classmethod
    def count(cls):
        return f"{cls.__name__} made {cls.made}"


t = Temperature(100)
print(t.celsius, t.fahrenheit, Temperature.convert(0), t.convert(10))
t.celsius = 20
print(t.celsius, t.fahrenheit)
u = Temperature.from_f(212)
print(u.celsius, type(u).__name__, Temperature.count(), t.count())
try:
    t.celsius = -300
except ValueError as err:
    print("ValueError:", err)
try:
    t.fahrenheit = 5
except AttributeError as err:
    print("AttributeError:", err)
del t.celsius
try:
    print(t.celsius)
except AttributeError as err:
    print("AttributeError:", err)
print(type(Temperature.__dict__["convert"]).__name__, type(Temperature.__dict__["from_f"]).__name__, type(Temperature.__dict__["celsius"]).__name__)


class Kelvin(Temperature):
    scale = "K"

    @property
    def celsius(self):
        return self._c - 273.15


k = Kelvin.from_f(32)
print(type(k).__name__, round(k.celsius, 2), Kelvin.count(), k.scale, Temperature.scale)


def plain(x):
    return x * 2


class Holder:
    double = staticmethod(plain)
    area = property(lambda self: self.w * self.h)

    def __init__(self, w, h):
        self.w, self.h = w, h


h = Holder(3, 4)
print(h.double(5), Holder.double(6), h.area)
