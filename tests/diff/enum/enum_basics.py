# enum.Enum: members, their names and values, lookups, iteration, reprs.
from enum import Enum
import enum


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3


print(Color.RED)
print(repr(Color.GREEN))
print(Color.RED.name, Color.RED.value)
print(type(Color.RED))
print(Color)
print(repr(Color))
print(isinstance(Color.RED, Color), isinstance(Color.RED, Enum), isinstance(1, Color))
print(issubclass(Color, Enum), type(Color).__name__)
print(Color(2), Color["BLUE"], Color(Color.RED))
print(Color(3) is Color.BLUE, Color["RED"] is Color.RED)
print(list(Color))
print([c.name for c in Color], [c.value for c in reversed(Color)])
print(len(Color), Color.RED in Color)
print(Color.RED == Color.RED, Color.RED == Color.GREEN, Color.RED != Color.BLUE)
print(Color.RED == 1, Color.RED is Color.RED)
print(hash(Color.RED) == hash("RED"))
d = {Color.RED: "stop", Color.GREEN: "go"}
print(d[Color.GREEN], Color.BLUE in d)
print(f"{Color.RED}", "{}".format(Color.BLUE), f"[{Color.GREEN:>12}]", f"{Color.RED!r}")
print(str(Color.RED), Color.RED.__class__.__name__)
print(sorted(Color, key=lambda c: c.value, reverse=True))
print(list(Color.__members__), len(Color.__members__))
for name, member in Color.__members__.items():
    print(name, member)
print(Color.__name__, Color.__qualname__, Color.__module__)
print(bool(Color), bool(Color.RED))
print(max(Color, key=lambda c: c.value))
print(Color._member_names_)


# Aliases: a second name for an existing value is no new member.
class Shape(Enum):
    SQUARE = 2
    DIAMOND = 1
    CIRCLE = 3
    ALIAS_FOR_SQUARE = 2


print(Shape.ALIAS_FOR_SQUARE, Shape.ALIAS_FOR_SQUARE is Shape.SQUARE)
print(list(Shape), len(Shape))
print(list(Shape.__members__))
print(Shape(2), Shape["ALIAS_FOR_SQUARE"])


# Values of any type, methods, properties and class methods.
class Planet(Enum):
    MERCURY = (3.303e23, 2.4397e6)
    VENUS = (4.869e24, 6.0518e6)
    EARTH = (5.976e24, 6.37814e6)

    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius

    @property
    def surface_gravity(self):
        G = 6.67300e-11
        return G * self.mass / (self.radius * self.radius)

    @classmethod
    def heaviest(cls):
        return max(cls, key=lambda p: p.mass)

    def describe(self):
        return f"{self.name.title()} weighs {self.mass:.3e}"


print(Planet.EARTH.value, Planet.EARTH.mass, Planet.EARTH.radius)
print(round(Planet.EARTH.surface_gravity, 4))
print(Planet.heaviest(), Planet.VENUS.describe())
print(Planet((3.303e23, 2.4397e6)))


class Mood(enum.Enum):
    FUNKY = "funky"
    HAPPY = "happy"
    EMPTY = None
    LIST = [1, 2]

    def __str__(self):
        return "mood:" + self.name.lower()

    @staticmethod
    def favorite():
        return Mood.HAPPY


print(Mood.FUNKY, repr(Mood.HAPPY), Mood("happy"), Mood(None), Mood.favorite())
print(Mood([1, 2]), repr(Mood.LIST))
print(f"{Mood.FUNKY}", [str(m) for m in Mood])


# An enum without members may be subclassed; its methods are inherited.
class Describable(Enum):
    def label(self):
        return f"<{self.name}={self.value}>"


class Direction(Describable):
    NORTH = "N"
    SOUTH = "S"


print(Direction.NORTH.label(), list(Direction), Direction.__mro__)


# Attributes of members and of the class.
Color.RED.extra = 5
print(Color.RED.extra, Color.RED._value_, Color.RED._name_)
Color.note = "fine"
print(Color.note)
print(Color.RED.__class__ is Color, type(Color.RED) is Color)
members = {m: i for i, m in enumerate(Color)}
print(members)
print(Color.RED < Color.GREEN if False else "no ordering")
