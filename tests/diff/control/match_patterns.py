# Structural pattern matching: literals, captures, sequences, mappings, classes, guards.
from collections import OrderedDict, defaultdict, deque, namedtuple
from dataclasses import dataclass
from enum import Enum


class Color(Enum):
    RED = 1
    GREEN = 2


def describe(x):
    match x:
        case 0:
            return "zero"
        case 1 | 2 | 3:
            return "small"
        case -1:
            return "minus one"
        case 2.5:
            return "two and a half"
        case "hello":
            return "greeting"
        case b"raw":
            return "bytes"
        case None:
            return "none"
        case True:
            return "true"
        case Color.RED:
            return "red"
        case [] | ():
            return "empty sequence"
        case [a]:
            return f"one item {a!r}"
        case [a, b]:
            return f"pair {a!r} {b!r}"
        case [first, *middle, last]:
            return f"first {first!r} middle {middle!r} last {last!r}"
        case {"kind": "point", "x": px, "y": py}:
            return f"point {px},{py}"
        case {"kind": k, **rest}:
            return f"kind {k} rest {rest}"
        case {}:
            return "some mapping"
        case str() as s if len(s) > 3:
            return "long str " + s
        case str(s):
            return "short str " + s
        case int(n) if n > 100:
            return f"big int {n}"
        case float(f):
            return f"float {f}"
        case _:
            return "other " + type(x).__name__


values = [0, 1, 3, -1, 2.5, "hello", b"raw", None, True, False, Color.RED, Color.GREEN,
          [], (), [7], (8,), [1, 2], (3, 4), [1, 2, 3, 4, 5], range(3), range(0), deque([1, 2]),
          {"kind": "point", "x": 1, "y": 2}, {"kind": "line", "len": 3, "w": 1}, {"other": 1}, {},
          OrderedDict(kind="od"), "abcdef", "ab", 1000, 50, 3.25, {1, 2}, frozenset(), "x"]
for v in values:
    print(repr(v), "->", describe(v))


# Class patterns: __match_args__, keywords, dataclasses, namedtuples.
class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


@dataclass
class Circle:
    center: Point
    radius: float


Pair = namedtuple("Pair", "left right")


class Bare:
    def __init__(self):
        self.tag = "bare"


def shape(s):
    match s:
        case Point(0, 0):
            return "origin"
        case Point(x, 0):
            return f"on x axis at {x}"
        case Point(x=0, y=y):
            return f"on y axis at {y}"
        case Point(x, y) if x == y:
            return f"diagonal {x}"
        case Point():
            return "some point"
        case Circle(Point(x, y), radius=r) if r > 10:
            return f"big circle at {x},{y}"
        case Circle(center=c, radius=r):
            return f"circle r={r} c=({c.x},{c.y})"
        case Pair(l, r):
            return f"pair {l} {r}"
        case Bare(tag=t):
            return "bare " + t
        case Bare(missing=m):
            return "never"
        case _:
            return "unknown"


for s in [Point(0, 0), Point(5, 0), Point(0, 7), Point(3, 3), Point(1, 2), Circle(Point(1, 1), 20),
          Circle(Point(2, 3), 1.5), Pair(1, "b"), Bare(), 42]:
    print(shape(s))


# Nested patterns, as-patterns, or-patterns with captures.
def nested(cmd):
    match cmd:
        case ["go", ("north" | "south" | "east" | "west") as direction]:
            return f"going {direction}"
        case ["take", *items] if items:
            return f"taking {', '.join(items)}"
        case ["drop", item, *_]:
            return f"dropping {item}"
        case [("a" | "b") as letter, [x, y] | (x, y)]:
            return f"{letter} with {x} {y}"
        case [*_, "end"]:
            return "ends with end"
        case [_, _, *rest]:
            return f"rest {rest}"
        case _:
            return "?"


for c in [["go", "north"], ["go", "up"], ["take", "sword", "shield"], ["take"], ["drop", "x", "y"],
          ["a", [1, 2]], ["b", (3, 4)], ["c", "end"], ["x", "y", "z", "w"], "go"]:
    print(c, "->", nested(c))


# Captures stay bound after a failed guard, and in the enclosing scope.
def guard_binding(v):
    match v:
        case [x, y] if x > y:
            return "desc", x, y
        case _:
            return "no", x, y


print(guard_binding([3, 1]))
print(guard_binding([1, 3]))
try:
    guard_binding(5)
except UnboundLocalError as e:
    print("UnboundLocalError:", e)


# The subject is evaluated once; value patterns compare with ==.
calls = []


def subject():
    calls.append(1)
    return 3


match subject():
    case 1:
        print("one")
    case 2:
        print("two")
    case n:
        print("bound at module level", n, len(calls))
print(n)


class Eq:
    def __eq__(self, other):
        print("__eq__ called with", other)
        return other == 42


match Eq():
    case 42:
        print("matched by reflected __eq__")
    case _:
        print("no")

# Builtin self-matching classes and subclasses, bool is an int.
for v in [True, 1, 1.0, "s", (1,), [1], {1: 2}, {3}, frozenset({4}), b"b"]:
    match v:
        case bool(b):
            print("bool", b)
        case int(i):
            print("int", i)
        case float(f):
            print("float", f)
        case str(s):
            print("str", s)
        case tuple(t):
            print("tuple", t)
        case list(l):
            print("list", l)
        case dict(d):
            print("dict", d)
        case set(s2):
            print("set", s2)
        case frozenset(fs):
            print("frozenset", fs)
        case bytes(bs):
            print("bytes", bs)


# Mappings: defaultdict gains no key, **rest copies.
dd = defaultdict(list, a=1)
match dd:
    case {"missing": _}:
        print("no")
    case {"a": 1, **others}:
        print("defaultdict", dict(dd), others, type(others).__name__)


class MyDict(dict):
    def get(self, key, default=None):
        print("MyDict.get", key)
        return super().get(key, default)


match MyDict(k=5):
    case {"k": v}:
        print("MyDict value", v)

# Strings and dicts are not sequences; tuples and lists match the same patterns.
for v in ["ab", {"a": 1}, ("a", "b"), ["a", "b"]]:
    match v:
        case [x, y]:
            print("sequence of two", x, y)
        case _:
            print("not a sequence of two", repr(v))

# match in a class body and in a loop with break/continue.
class Config:
    mode = "fast"
    match mode:
        case "fast":
            level = 3
        case _:
            level = 1

print(Config.level)

for i in range(6):
    match i % 3:
        case 0:
            continue
        case 1 if i > 3:
            break
        case _:
            pass
    print("loop", i)
