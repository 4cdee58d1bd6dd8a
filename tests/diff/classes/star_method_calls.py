# Method calls with `*args` and `**kwargs`: forwarding constructors and bound methods.
class Base:
    def __init__(self, a, b=2, *rest, key=None, **extra):
        self.a, self.b, self.rest, self.key, self.extra = a, b, rest, key, extra

    def show(self, *parts, sep="-"):
        return sep.join([str(p) for p in (self.a, self.b) + parts])


class Child(Base):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.forwarded = (args, sorted(kwargs))


c = Child(1, 5, 6, 7, key="k", color="red")
print(c.a, c.b, c.rest, c.key, c.extra, c.forwarded)
parts = [3, 4]
opts = {"sep": "+"}
print(c.show(*parts), c.show(*parts, **opts), c.show(**opts))
m = c.show
print(m(9, sep=":"))
try:
    Child(1, 2, b=3)
except TypeError as err:
    print("TypeError:", err)
try:
    c.show(**{"bad": 1})
except TypeError as err:
    print("TypeError:", err)
