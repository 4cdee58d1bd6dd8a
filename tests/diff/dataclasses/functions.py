# asdict, astuple, replace and is_dataclass as CPython's dataclasses defines them: nested
# dataclasses, lists, tuples and dicts converted recursively, replace() through __init__
# (init=False fields refused), the TypeErrors for a non-dataclass.
from dataclasses import asdict, astuple, dataclass, field, is_dataclass, replace


@dataclass
class Point:
    x: int
    y: int = 0


@dataclass
class Shape:
    name: str
    points: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    origin: Point = field(default_factory=lambda: Point(0, 0))
    area: float = field(init=False, default=0.0)


s = Shape("tri", [Point(0, 0), Point(4, 0), Point(0, 3)], {"color": ("red", 1)})
d = asdict(s)
print(d)
print(d["points"][1], type(d["points"]).__name__, d["points"] is s.points)
print(astuple(s))
print(asdict(Point(1, 2), dict_factory=lambda items: sorted(items, reverse=True)))
p2 = replace(Point(1, 2), y=5)
print(p2, replace(s, name="square").name, replace(s).points is s.points)
print(is_dataclass(s), is_dataclass(Shape), is_dataclass(3), is_dataclass(dict))
for bad in (lambda: asdict(3), lambda: astuple("x"), lambda: replace(s, area=1.0), lambda: replace([1])):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
