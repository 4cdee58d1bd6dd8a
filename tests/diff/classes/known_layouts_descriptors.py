# A known class (decisions/0031) with a property (getter, setter, deleter), a staticmethod and a
# classmethod: the descriptors run as CPython's, the other methods are direct.
class Temp:
    unit = "C"

    def __init__(self, c):
        self._c = c
        self.reads = 0

    @property
    def c(self):
        self.reads += 1
        return self._c

    @c.setter
    def c(self, v):
        if v < -273.15:
            raise ValueError("below absolute zero")
        self._c = v

    @c.deleter
    def c(self):
        del self._c

    @staticmethod
    def f_of(c):
        return c * 9 / 5 + 32

    @classmethod
    def zero(cls):
        return cls(0.0)

    def fahrenheit(self):
        return Temp.f_of(self.c)


t = Temp(21.5)
print(t.c, t.fahrenheit(), t.reads, Temp.zero().c, Temp.f_of(100))
t.c = 30
print(t.c, t._c, t.reads)
try:
    t.c = -300
except ValueError as e:
    print("ValueError:", e)
del t.c
try:
    t.c
except AttributeError as e:
    print("AttributeError:", e)
t.c = 5.0
print(t.fahrenheit(), t.unit)
