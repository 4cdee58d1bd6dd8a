# typing.overload: the decorated definitions become typing._overload_dummy; the undecorated
# implementation that follows is the function.
from typing import overload, Union


@overload
def double(x: int) -> int: ...
@overload
def double(x: str) -> str: ...
def double(x: Union[int, str]) -> Union[int, str]:
    return x * 2


print(double(2), double("ab"))


class Conv:
    @overload
    def get(self, k: int) -> int: ...
    @overload
    def get(self, k: str) -> str: ...
    def get(self, k):
        return k

    @overload
    @staticmethod
    def make(x: int) -> "Conv": ...
    @staticmethod
    def make(x):
        return Conv()


print(Conv().get(3), Conv().get("s"), type(Conv.make(1)).__name__)


@overload
def only(x: int) -> int: ...


print(only.__name__, only.__qualname__, only.__module__)
try:
    only(1)
except NotImplementedError as e:
    print("NotImplementedError:", e)
try:
    overload()
except TypeError as e:
    print("TypeError:", e)
