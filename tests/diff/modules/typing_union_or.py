import typing
from typing import Dict, List, Optional, TypeVar, Union

T = TypeVar("T")
print(int | List[int], List[int] | None, Optional[int] | str, List | None, T | None)
print(None | Dict[str, int], Union[int, str] | float, int | Union[str, float])
print(list[int] | List[str], List[int] | list[str], T | int | None)
print((int | List[int]) == Union[int, List[int]], Optional[int] | int)

def attempt(label, f):
    try:
        print(label, f())
    except TypeError as e:
        print(label, "TypeError:", e)

attempt("union form", lambda: Union | int)
attempt("optional form", lambda: int | Optional)
attempt("str ref", lambda: "x" | int)
print((int | str) | List[int], Union[int | str, float], Optional[int | str], List[int] | (str | None))
