# Classes the compiler knows completely (decisions/0031): fixed instance layouts, direct
# constructor and method calls, and every way out of them behaving as CPython's.
class Vec:
    """A 2-d vector."""

    dims = 2

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def dot(self, other):
        return self.x * other.x + self.y * other.y

    def scaled(self, k):
        return Vec(self.x * k, self.y * k)

    def __repr__(self):
        return "Vec(" + repr(self.x) + ", " + repr(self.y) + ")"

    def __eq__(self, other):
        return isinstance(other, Vec) and self.x == other.x and self.y == other.y

    __hash__ = None


class Vec3(Vec):
    dims = 3

    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def dot(self, other):
        return self.x * other.x + self.y * other.y + self.z * other.z

    def scaled(self, k):
        return Vec3(self.x * k, self.y * k, self.z * k)

    def __repr__(self):
        return "Vec3(%r, %r, %r)" % (self.x, self.y, self.z)


a = Vec(1, 2)
b = Vec(3.5, -1)
print(a, b, a.dot(b), a.scaled(3), a.scaled(0.5).dot(a))
print(a == Vec(1, 2), a == b, a != b, Vec.dims, a.dims, Vec.__doc__)
c = Vec3(1, 2, 3)
print(c, c.dot(c), c.scaled(2), c.dims, isinstance(c, Vec), type(c).__name__)
# A base-class method on a subclass instance.
print(Vec.dot(c, a), Vec.scaled(c, 2))

# Fields of every type, rebound to other types.
a.x = "text"
print(a.x * 2, a)
a.x = [1, 2]
a.x.append(3)
print(a.x, len(a.x))
a.x = None
print(a.x is None)
a.x = Vec(0, 0)
print(a.x.x, a)


# No __init__ at all: object.__init__.
class Empty:
    def describe(self):
        return "empty"


e = Empty()
print(e.describe())
try:
    Empty(1)
except TypeError as ex:
    print("TypeError:", ex)


# Counters and accumulation through methods, recursion through instances.
class Node:
    def __init__(self, left, right):
        self.left = left
        self.right = right

    def count(self):
        if self.left is None:
            return 1
        return 1 + self.left.count() + self.right.count()


def tree(d):
    if d == 0:
        return Node(None, None)
    return Node(tree(d - 1), tree(d - 1))


print(tree(6).count())


class Account:
    rate = 0.5

    def __init__(self, owner):
        self.owner = owner
        self.balance = 0
        self.history = []

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("amount must be positive, got " + str(amount))
        self.balance += amount
        self.history.append(amount)
        return self

    def interest(self):
        return self.balance * self.rate


acct = Account("ann")
acct.deposit(10).deposit(5)
print(acct.owner, acct.balance, acct.history, acct.interest())
try:
    acct.deposit(-1)
except ValueError as ex:
    print("ValueError:", ex)

# An attribute outside the layout, then the layout's attributes again.
acct.nickname = "a"
acct.balance += 1
print(acct.nickname, acct.balance, acct.owner)

# Deleting a field: the slot is empty again.
del acct.owner
try:
    print(acct.owner)
except AttributeError as ex:
    print("AttributeError:", ex)
acct.owner = "bob"
print(acct.owner)


# A field that is never set on some path.
class Maybe:
    def __init__(self, flag):
        if flag:
            self.value = 1

    def get(self):
        return self.value


print(Maybe(True).get())
try:
    Maybe(False).get()
except AttributeError as ex:
    print("AttributeError:", ex)


# __init__ returning something else than None.
class Bad:
    def __init__(self):
        return 1


try:
    Bad()
except TypeError as ex:
    print("TypeError:", ex)

# Wrong argument counts take the generic call's errors.
try:
    Vec(1)
except TypeError as ex:
    print("TypeError:", ex)
try:
    a.dot()
except TypeError as ex:
    print("TypeError:", ex)
try:
    a.dot(a, a)
except TypeError as ex:
    print("TypeError:", ex)
print(Vec(y=2, x=1), Vec(*[5, 6]))


# A method that is a generator, methods calling methods.
class Counter:
    def __init__(self, n):
        self.n = n

    def up(self):
        i = 0
        while i < self.n:
            yield i
            i += 1

    def total(self):
        return sum(self.up())


print(list(Counter(4).up()), Counter(10).total())


# A subclass the compiler does not know (decorated) inherits the layout.
def tag(cls):
    cls.tagged = True
    return cls


@tag
class Tagged(Vec):
    def norm1(self):
        return abs(self.x) + abs(self.y)


t = Tagged(-3, 4)
print(t, t.norm1(), t.tagged, t.dot(Vec(1, 1)))


# Methods replaced on the class, and instances shadowing methods: calls follow them.
class Greeter:
    def __init__(self, name):
        self.name = name

    def greet(self):
        return "hello " + self.name

    def wave(self):
        return "wave from " + self.name


g = Greeter("x")
print(g.greet(), g.wave())
Greeter.greet = lambda self: "hi " + self.name
print(g.greet())
g.wave = lambda: "shadowed"
print(g.wave(), Greeter("y").wave())
