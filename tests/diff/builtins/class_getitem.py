class Plain:
    def __class_getitem__(cls, item):
        return f"{cls.__name__}[{item!r}]"

class Explicit:
    @classmethod
    def __class_getitem__(cls, item):
        return (cls.__name__, item)

class Sub(Plain):
    pass

print(Plain[int], Explicit[1, 2], Sub["x"])
aliases = {list[int]: "ints", dict[str, int]: "table", int | None: "maybe"}
print(aliases[list[int]], aliases[int | None], aliases)
print(str(list[int]), repr(dict[str, int]), [list[int], tuple[str, ...]])
print(list[int] in [list[int]], (int | str) in {str | int})
print(isinstance(list[int], type), isinstance(int | str, type))
y = [3, 1, 2]
print(y[0], {"a": 1}["a"], "abc"[1])
def f(x: int | None = None) -> list[int] | None:
    return None if x is None else [x]
print(f(), f(3))
print(isinstance([], list[int]))
