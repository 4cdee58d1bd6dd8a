# typing names as values: aliases print as CPython prints them.
from typing import Any, Callable, Dict, List, Optional, Tuple, TypeVar, Union, cast, TYPE_CHECKING
import typing

Vector = List[float]
Table = Dict[str, List[int]]
T = TypeVar("T")
print(Vector, Table, Optional[int], Union[int, str], Union[int, None], Tuple[int, ...])
print(Callable[[int, str], bool], Any, List, T, typing.Dict[str, Any])
print(cast(int, "not checked"), TYPE_CHECKING, Vector == List[float], List[int] == List[str])


def scale(v: Vector, k: float) -> Vector:
    return [k * x for x in v]


print(scale([1.0, 2.0], 2.0))
print(Callable[..., int], Tuple[str, int, ...], Tuple[()], List[Tuple[int, ...]])
try:
    List[...]
except TypeError as e:
    print("TypeError:", e)
