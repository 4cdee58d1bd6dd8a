# typing.Generic: generic classes, their subscription, __parameters__, __orig_bases__ and errors.
from typing import Generic, TypeVar, List, Dict, Optional

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")


class Box(Generic[T]):
    def __init__(self, item: T) -> None:
        self.item = item

    def get(self) -> T:
        return self.item

    def __repr__(self) -> str:
        return f"Box({self.item!r})"


class Pair(Generic[K, V]):
    def __init__(self, k: K, v: V):
        self.k = k
        self.v = v


class IntBox(Box[int]):
    def double(self) -> int:
        return self.item * 2


class Stack(Generic[T]):
    def __init__(self) -> None:
        self.items: List[T] = []

    def push(self, x: T) -> None:
        self.items.append(x)

    def pop(self) -> Optional[T]:
        return self.items.pop() if self.items else None


b = Box(3)
print(b, b.get(), Box[int](4), Box[str]("s").get())
print(Box.__mro__)
print(Box.__parameters__, Pair.__parameters__, IntBox.__parameters__)
print(Box[int], Pair[str, int], Box[List[int]], Box[Optional[int]], Box[None])
print(Box[int].__origin__ is Box, Box[int].__args__, Box[T].__parameters__)
print(Generic[T], Generic[K, V])
print(IntBox.__mro__, IntBox.__orig_bases__, IntBox(5).double())
print(Box.__orig_bases__, Box[int] == Box[int], Box[int] == Box[str], hash(Box[int]) == hash(Box[int]))
print(isinstance(b, Box), isinstance(b, Generic), issubclass(IntBox, Box), type(Box[int]))
s = Stack[int]()
s.push(1); s.push(2)
print(s.pop(), s.pop(), s.pop(), s.__orig_class__)
print(isinstance(IntBox(1), Box))


class Node(Generic[T]):
    def __init__(self, value: T, nxt: "Optional[Node[T]]" = None):
        self.value = value
        self.nxt = nxt


n = Node(1, Node(2))
print(n.value, n.nxt.value)


class MyList(List[int]):
    pass


ml = MyList([1, 2])
ml.append(3)
print(ml, MyList.__mro__, MyList.__orig_bases__)


class Mapping2(Dict[str, T]):
    pass


print(Mapping2.__parameters__, Mapping2[int], Mapping2.__mro__)


class Both(Box[T], Pair[T, int]):
    pass


print(Both.__parameters__, Both.__mro__)


def attempt(f):
    try:
        print(f())
    except TypeError as e:
        print("TypeError:", e)


attempt(lambda: Generic[()])
attempt(lambda: Generic[int])
attempt(lambda: Generic[T, T])
attempt(lambda: Box[int, str])
attempt(lambda: Pair[int])
attempt(lambda: IntBox[int])
attempt(lambda: Box[()])
attempt(lambda: isinstance(b, Box[int]))


def make_bad():
    class Bad(Generic):
        pass


def make_bad2():
    class Bad2(Box[T], Generic[K]):
        pass


def make_bad3():
    class Bad3(Generic[T], Generic[K]):
        pass


attempt(make_bad)
attempt(make_bad2)
attempt(make_bad3)
