# order=True, frozen=True and unsafe_hash: the order methods compare field tuples of the same
# class (NotImplemented otherwise: CPython's TypeError), frozen instances raise
# dataclasses.FrozenInstanceError and hash their fields, inheritance of fields and frozenness.
from dataclasses import FrozenInstanceError, dataclass, field


@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
    label: str = field(default="", compare=False)


vs = [Version(1, 2), Version(0, 9, "old"), Version(1, 0), Version(1, 2, "again")]
print(sorted(vs))
print(Version(1, 2) == Version(1, 2, "x"), Version(1, 2) < Version(1, 3), Version(2) >= Version(1, 99))
print(len({Version(1, 2), Version(1, 2, "y"), Version(3)}), hash(Version(1)) == hash(Version(1, 0)))
v = Version(1)
for action in ("set", "del", "new"):
    try:
        if action == "set":
            v.major = 2
        elif action == "del":
            del v.minor
        else:
            v.extra = 1
    except FrozenInstanceError as e:
        print(action, type(e).__name__, e, isinstance(e, AttributeError))
try:
    Version(1) < (1, 0)
except TypeError as e:
    print("TypeError:", e)


@dataclass(frozen=True)
class Point:
    x: int
    y: int


@dataclass(frozen=True)
class Point3(Point):
    z: int = 0


p = Point3(1, 2, 3)
print(p, p == Point3(1, 2, 3), p == Point(1, 2), {p: "here"}[Point3(1, 2, 3)])


@dataclass(unsafe_hash=True)
class Key:
    a: int
    b: str = field(default="b", hash=False)


k = Key(1)
print(hash(k) == hash((1,)), {k: 1}[Key(1)], Key(1) == Key(1, "c"))
k.a = 2
print(k)
