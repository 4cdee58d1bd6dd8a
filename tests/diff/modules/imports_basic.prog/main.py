# The program's own modules: `import m`, `import m as n`, `from m import a, b as c`, module
# state and the order module code runs in (once, at the first import), `__name__`.
print("main starts", __name__)
import shapes
import shapes as s2
from shapes import area, Square as Sq, UNIT
import counter

print(shapes is s2, shapes.__name__)
print(area(3), Sq(2).area(), UNIT)
print(shapes.area is area, shapes.Square is Sq)
sq = shapes.Square(4)
print(sq, type(sq).__name__, type(sq).__module__, shapes.Square)
print(isinstance(sq, Sq), isinstance(sq, shapes.Shape))


class Cube(shapes.Square):
    def volume(self):
        return self.area() * self.side


c = Cube(3)
print(c.volume(), c.describe(), Cube.__mro__)

counter.bump()
counter.bump(5)
print(counter.total, counter.read())
counter.total = 100
print(counter.read())
counter.label = "set from main"
print(counter.label, counter.describe())
del counter.label
print(hasattr(counter, "label"), hasattr(counter, "total"))

import shapes  # a second import runs nothing
print(shapes.calls)
print(getattr(shapes, "UNIT"), getattr(shapes, "nope", "default"))
print(repr(shapes).startswith("<module 'shapes' from "), repr(shapes).endswith("shapes.py'>"))


def use_inside():
    import counter as cc
    from shapes import area as a
    return cc.read(), a(2)


print(use_inside())
print(area.__module__, shapes.Square.area.__module__, use_inside.__module__, (lambda: 0).__module__)
print(counter.make_adder(2).__module__, counter.make_adder(2)(3))
