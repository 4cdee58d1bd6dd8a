# typing.Generic with nested generic classes, generators, PEP 585 bases and Generic[...] misuse.
from typing import Generic, TypeVar, Iterator, List, Tuple

T = TypeVar("T")
S = TypeVar("S")


class LinkedList(Generic[T]):
    class _Node(Generic[S]):
        def __init__(self, v: S, nxt=None):
            self.v = v
            self.nxt = nxt

    def __init__(self) -> None:
        self.head = None
        self.n = 0

    def push(self, v: T) -> "LinkedList[T]":
        self.head = LinkedList._Node(v, self.head)
        self.n += 1
        return self

    def __iter__(self) -> Iterator[T]:
        node = self.head
        while node is not None:
            yield node.v
            node = node.nxt

    def __len__(self) -> int:
        return self.n


ll = LinkedList[int]().push(1).push(2).push(3)
print(list(ll), len(ll), sum(ll), LinkedList._Node.__qualname__, LinkedList._Node[int])


class PEP585(list[int]):
    pass


print(PEP585([3]), PEP585.__mro__, PEP585.__orig_bases__, "__parameters__" in PEP585.__dict__)


class Plain(Box := type("Box", (), {})):
    pass


print(Plain.__mro__[1].__name__, "__orig_bases__" in Plain.__dict__)


def first(xs: List[T]) -> T:
    return xs[0]


def swap(p: Tuple[T, S]) -> Tuple[S, T]:
    return p[1], p[0]


print(first([5, 6]), swap((1, "a")))


class Registry(Generic[T]):
    items: List[T]

    def __init__(self):
        self.items = []

    def add(self, x: T) -> None:
        self.items.append(x)


r = Registry[str]()
r.add("x")
print(r.items, r.__orig_class__, type(r).__name__, Registry.__parameters__)


def bad_multi():
    class M(Generic[T], Generic[S]):
        pass


def bad_missing():
    class N(LinkedList[T], Generic[S]):
        pass


for f in (bad_multi, bad_missing):
    try:
        f()
    except TypeError as e:
        print("TypeError:", e)

def bad_plain():
    class Wrong(Generic):
        pass


try:
    bad_plain()
except TypeError as e:
    print("TypeError:", e)
