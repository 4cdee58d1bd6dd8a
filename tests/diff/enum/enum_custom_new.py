# Enum classes with their own __new__, _order_, members compared in methods and used as
# dict keys, enums inside functions, and iteration inside methods.
from enum import Enum, auto


class Coordinate(Enum):
    def __new__(cls, value, label):
        obj = object.__new__(cls)
        obj._value_ = value
        obj.label = label
        return obj

    PX = (0, "pixels")
    PY = (1, "pixels y")
    VX = (2, "velocity x")


print(Coordinate.PY, Coordinate.PY.value, Coordinate.PY.label, Coordinate(2))
print([c.label for c in Coordinate])


class Ordered(Enum):
    _order_ = "A B C"
    A = 1
    B = 2
    C = 3


print(list(Ordered))
try:

    class BadOrder(Enum):
        _order_ = "X Y"
        Y = 2
        X = 1

except TypeError as e:
    print("TypeError:", e)


class Op(Enum):
    ADD = "+"
    SUB = "-"
    MUL = "*"

    def apply(self, a, b):
        if self is Op.ADD:
            return a + b
        if self == Op.SUB:
            return a - b
        return a * b

    @classmethod
    def parse(cls, text):
        for op in cls:
            if op.value == text:
                return op
        raise ValueError(f"unknown operator {text!r}")


print([op.apply(6, 3) for op in Op], Op.parse("*"))
try:
    Op.parse("/")
except ValueError as e:
    print("ValueError:", e)


def make_state():
    class State(Enum):
        IDLE = auto()
        RUNNING = auto()
        DONE = auto()

        def next(self):
            members = list(type(self))
            i = members.index(self)
            return members[(i + 1) % len(members)]

    return State


State = make_state()
s = State.IDLE
for _ in range(4):
    print(s, end=" ")
    s = s.next()
print()
print(State.__qualname__, repr(State.DONE))

counts = {}
for word in ["ADD", "SUB", "ADD", "MUL", "ADD"]:
    op = Op[word]
    counts[op] = counts.get(op, 0) + 1
print(counts)
print(sorted(counts, key=lambda o: o.name))
print(Op.ADD in counts, Op.ADD.name in Op.__members__)


class Flags(Enum):
    READ = 4
    WRITE = 2
    EXEC = 1

    def __or__(self, other):
        return self.value | other.value


print(Flags.READ | Flags.WRITE, Flags.READ.__class__.__name__)
print(getattr(Flags, "EXEC"), hasattr(Flags, "NOPE"), getattr(Flags, "NOPE", None))
print(Flags.READ.__objclass__ is Flags, Flags._value2member_map_[2])
