# auto(), @unique, _generate_next_value_, _missing_, _ignore_, and the functional API.
from enum import Enum, auto, unique
import enum


class Ordinal(Enum):
    FIRST = auto()
    SECOND = auto()
    THIRD = auto()


print(list(Ordinal), Ordinal.THIRD.value)


class Mixed(Enum):
    A = 10
    B = auto()
    C = 15
    D = 20
    E = (auto(), "pair")


print([(m.name, m.value) for m in Mixed])


class Named(Enum):
    def _generate_next_value_(name, start, count, last_values):
        return name.lower() + str(count)

    NORTH = auto()
    SOUTH = auto()


print(list(Named), Named("south1"))


class StaticNamed(Enum):
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return (name, start, count, list(last_values))

    X = auto()
    Y = auto()


print([m.value for m in StaticNamed])


a = auto()
print(repr(a), type(a).__name__)


@unique
class Fine(Enum):
    ONE = 1
    TWO = 2


print(Fine.TWO, Fine is unique(Fine))

try:
    @unique
    class Mistake(Enum):
        ONE = 1
        TWO = 2
        THREE = 3
        FOUR = 3
        UNO = 1
except ValueError as e:
    print("ValueError:", e)


class Lenient(Enum):
    ON = "on"
    OFF = "off"

    @classmethod
    def _missing_(cls, value):
        if isinstance(value, str):
            for m in cls:
                if m.value == value.lower():
                    return m
        return None


print(Lenient("ON"), Lenient("Off"))
try:
    Lenient("maybe")
except ValueError as e:
    print("ValueError:", e)


class Broken(Enum):
    A = 1

    @classmethod
    def _missing_(cls, value):
        return 42


try:
    Broken(2)
except TypeError as e:
    print("TypeError:", e, type(e.__context__).__name__, e.__context__)


class Raising(Enum):
    A = 1

    @classmethod
    def _missing_(cls, value):
        raise KeyError(value)


try:
    Raising(3)
except KeyError as e:
    print("KeyError:", e, repr(e.__context__))


class Week(Enum):
    _ignore_ = "i"
    MON = 1
    TUE = 2
    i = 99


print(list(Week), hasattr(Week, "i"))


class Hidden(Enum):
    VISIBLE = 1
    _Hidden__also = 3
    __dunder__ = 4


print(list(Hidden), Hidden._Hidden__also, Hidden.__dunder__)

Animal = Enum("Animal", "ANT BEE CAT")
print(list(Animal), Animal.BEE.value, Animal(3), Animal.__name__)
Fruit = enum.Enum("Fruit", ["APPLE", "PEAR"])
print(list(Fruit), repr(Fruit.PEAR))
Pairs = Enum("Pairs", [("LOW", 10), ("HIGH", 20)])
print(list(Pairs), Pairs(20))
Mapped = Enum("Mapped", {"YES": True, "NO": False})
print(list(Mapped), Mapped(False))
Comma = Enum("Comma", "X, Y,Z")
print([m.name for m in Comma])
Started = Enum("Started", "P Q", start=5)
print([m.value for m in Started])
print(Animal.ANT.__class__.__module__)
