# super() in the methods of known classes (decisions/0031): `super().m(args)` with positional
# arguments calls the base chain's method directly; other forms take the generic path.
class Base:
    def __init__(self, a):
        self.a = a
        self.log = []

    def describe(self, tag):
        self.log.append(tag)
        return "Base(" + str(self.a) + ")" + tag


class Mid(Base):
    def __init__(self, a, b):
        super().__init__(a)
        self.b = b

    def describe(self, tag):
        return "Mid[" + super().describe(tag) + "]"


class Leaf(Mid):
    def __init__(self, a, b, c):
        super().__init__(a, b)
        self.c = c * 1.5

    def describe(self, tag):
        return "Leaf<" + super().describe(tag + "!") + ">" + str(self.c)

    def total(self):
        return self.a + self.b + self.c


x = Leaf(1, 2, 3)
print(x.describe("t"), x.total(), x.log)
m = Mid(5, 6)
print(m.describe("u"), m.a, m.b)


class Odd(Base):
    def describe(self, tag):
        # A keyword argument: the generic super() path.
        return super().describe(tag=tag) + "?"

    def again(self):
        s = super()
        return s.describe("s")


o = Odd(7)
print(o.describe("k"), o.again(), o.log)
try:
    Mid(1)
except TypeError as e:
    print("TypeError:", e)


class Broken(Mid):
    def describe(self, tag):
        return super().describe(tag) + self.missing


Broken(1, 2).describe("z")
