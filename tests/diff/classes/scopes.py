# Class scopes: names in the body, LOAD_NAME falling back to globals, closures over enclosing
# functions, classes made in functions, nested classes and their qualified names.
x = "global x"
y = "global y"


class Scope:
    x = "class x"
    seen = x
    z = y
    items = [n * 2 for n in range(3)]

    def method(self):
        return x


print(Scope.seen, Scope.z, Scope.items, Scope().method())


def make(base):
    class Made:
        offset = base

        def add(self, k):
            return base + k

        def __repr__(self):
            return f"<Made {base}>"

    return Made


M1, M2 = make(10), make(20)
print(M1().add(1), M2().add(1), M1.offset, M1(), M2(), M1 is M2, M1.__qualname__)


class Outer:
    class Inner:
        def who(self):
            return type(self).__qualname__

    def make_inner(self):
        return self.Inner()


print(Outer.Inner().who(), Outer().make_inner().who(), Outer.Inner.__qualname__, Outer.Inner.who.__qualname__)


def counter_class():
    count = 0

    class Counting:
        def __init__(self):
            nonlocal count
            count += 1

        @staticmethod
        def total():
            return count

    return Counting


K = counter_class()
K(), K(), K()
print(K.total())


class Registry:
    entries = []

    def register(fn, entries=entries):
        entries.append(fn.__name__)
        return fn

    @register
    def first(self):
        return 1

    @register
    def second(self):
        return 2


print(Registry.entries, Registry().first() + Registry().second())


def deco(cls):
    cls.tag = "decorated"
    return cls


@deco
class Tagged:
    pass


print(Tagged.tag, Tagged.__name__)
