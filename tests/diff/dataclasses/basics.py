# @dataclass as CPython's dataclasses writes it: __init__ with defaults and default factories,
# __repr__ (repr=False fields left out), __eq__ on same-class field tuples, __match_args__,
# __hash__ = None for a mutable dataclass with eq, init=False fields, ClassVar, methods kept.
from dataclasses import dataclass, field
from typing import ClassVar, List


@dataclass
class Item:
    name: str
    price: float = 0.0
    tags: List[str] = field(default_factory=list)
    secret: str = field(default="hidden", repr=False)
    count: int = field(default=1, compare=False)
    kind: ClassVar[str] = "item"

    def total(self):
        return self.price * self.count


a = Item("apple", 1.5)
b = Item("apple", 1.5, count=3)
print(a, b)
print(a == b, a != b, a == "apple", a.total(), b.total())
a.tags.append("fruit")
print(a.tags, Item("pear").tags, a.secret, Item.kind)
print(Item.__match_args__, Item.__hash__)
try:
    hash(a)
except TypeError as e:
    print("TypeError:", e)


@dataclass
class Counter:
    start: int
    current: int = field(init=False, default=0)
    history: list = field(init=False, default_factory=list)

    def __post_init__(self):
        self.current = self.start
        self.history.append(self.start)


c = Counter(5)
print(c, c.current, c.history)


@dataclass(repr=False, eq=False)
class Plain:
    x: int

    def __repr__(self):
        return f"<Plain {self.x}>"


print(Plain(1), Plain(1) == Plain(1), Plain.__hash__ is object.__hash__)


@dataclass
class Empty:
    pass


print(Empty(), Empty() == Empty())


def make():
    @dataclass
    class Local:
        v: int = 7
        items: dict = field(default_factory=lambda: {"k": 1})

    return Local


L = make()
print(L(), L(3).items, L.__qualname__)


def pick(record, field):
    # A parameter named like the `field` imported from dataclasses is the function's own.
    return getattr(record, field)


@dataclass(frozen=True)
class Café:
    crème: int = 1


print(pick(a, "name"), Café(), Café.__match_args__)
