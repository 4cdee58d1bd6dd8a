import collections
import typing

print(list[int], dict[str, list[int]], tuple[int, ...], tuple[()], type[int])
print(list[int, str], list[None], list[...], list['x'], list[1])
print(type(list[int]), list[int].__origin__, list[int].__args__, list[int].__parameters__)
print(list[int]([1, 2]), list[int] == list[int], list[int] == list[str], list[int] == list)
print(hash(list[int]) == hash(list[int]), list[int] != list[str])
print(collections.deque[int], collections.defaultdict[str, int], collections.OrderedDict[str, int])
print(list[int].append, list[int].__name__, list[int].__class__)
Vector = list[float]
def scale(v: Vector, k: float) -> Vector:
    return [x * k for x in v]
print(scale([1.0, 2.0], 2.0))

print(int | None, None | int, int | str | int, type(int | str))
print((int | str) == (str | int), hash(int | str) == hash(str | int), (int | str).__args__)
print(int | list[int], list[int] | None, (int | str) | float, int | (str | float))
print(isinstance(1, int | str), isinstance(None, int | None), isinstance(2.5, int | str))
print(issubclass(bool, int | str), issubclass(float, int | str))
print(isinstance(1, int | list[int]))

class Box:
    pass
class Node(list):
    pass
print(Box | None, Node[int], Box | int, list[Box])

T = typing.TypeVar('T')
print(list[T], list[T].__parameters__, list[T][int], dict[str, T][int], dict[T, list[T]][str])
print((int | list[T])[str])

def attempt(label, f):
    try:
        print(label, f())
    except TypeError as e:
        print(label, "TypeError:", e)

attempt("no params", lambda: list[int][str])
attempt("isinstance ga", lambda: isinstance([], list[int]))
attempt("issubclass ga", lambda: issubclass(list, list[int]))
attempt("in union", lambda: isinstance("x", int | list[int]))
attempt("int | 3", lambda: int | 3)
attempt("3 | int", lambda: 3 | int)
attempt("int[str]", lambda: int[str])
attempt("too many", lambda: list[T][int, str])
attempt("Box[int]", lambda: Box[int])
x = int
x |= str
print(x)
