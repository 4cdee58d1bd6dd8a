# The main module's classes get fixed layouts (decisions/0031) although the program has other
# modules: what those modules may do to the instances and classes they are given (stores of
# other types, setattr, lookups of methods, subclasses of type(x)) is part of the analysis
# (decisions/0046).
import harness


class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm2(self):
        return self.x * self.x + self.y * self.y

    def scale(self, k):
        self.x = self.x * k
        self.y = self.y * k
        return self


class Body:
    def __init__(self, name, pos):
        self.name = name
        self.pos = pos
        self.mass = 1.5

    def describe(self):
        return f"{self.name} at {self.pos.x},{self.pos.y} mass {self.mass}"


def simulate(steps, k):
    b = Body("probe", Vec(1.0, 2.0))
    for _ in range(steps):
        b.pos.scale(k)
    return b


b = simulate(3, 2.0)
print(b.describe(), b.pos.norm2())

# The harness stores a str where main stored floats, through a plain attribute store.
harness.relabel(b.pos, "x", "eight")
print(b.pos.x, b.describe())
try:
    print(b.pos.norm2())
except TypeError as e:
    print("TypeError:", e)

# A method looked up and called by the other module.
v = Vec(3, 4)
print(harness.call_method(v, "norm2"), harness.call_method(v.scale(2), "norm2"))

# An attribute the layout does not have, stored by the other module.
harness.tag(b, "orbit")
print(b.tag, b.describe())

# Methods replaced on the instance by the other module.
harness.patch_describe(b)
print(b.describe())

# A class made by the other module from type(instance).
Sub = harness.subclass_of(v)
s = Sub(5, 12)
print(s.norm2(), s.extra(), type(s).__name__, isinstance(s, Vec))

# The bench runner calls main's function with arguments it chose.
print(harness.run(simulate, 2, 0.5).describe())
