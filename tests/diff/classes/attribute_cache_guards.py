# One attribute site sees many classes and classes that change: each change the caches
# remember must be noticed (a property added later, __setattr__/__getattribute__ assigned,
# a deleted or shadowed entry, a replaced __dict__, an instance of another class).
class A:
    def __init__(self, v):
        self.v = v
        self.w = v * 2


class B:
    def __init__(self, v):
        self.w = -v
        self.v = v + 100


def read(o):
    return o.v


def write(o, x):
    o.v = x


objs = [A(1), B(2), A(3), B(4)]
for _ in range(3):
    print([read(o) for o in objs])
    for o in objs:
        write(o, read(o) + 1)

a = A(10)
print(read(a), read(a))
del a.v
a.extra = 1
a.v = 7
print(read(a), a.__dict__)
a.__dict__ = {"v": "replaced"}
print(read(a))
write(a, "after replace")
print(a.__dict__)

# A data descriptor added to the class wins over the instance dict from then on.
A.v = property(lambda self: "property", lambda self, x: print("setter", x))
print(read(a), read(A(5)))
write(a, 99)
del A.v
print(read(a))

# A class-level non-data attribute never hides the instance's.
A.w = "class w"
print(A(6).w)


def log_setattr(self, name, value):
    print("set", name, value)
    object.__setattr__(self, name, value)


b = B(1)
write(b, 5)
B.__setattr__ = log_setattr
write(b, 6)
print(read(b))
B.__getattribute__ = lambda self, name: "intercepted " + name
print(read(b))
del B.__getattribute__
del B.__setattr__
write(b, 8)
print(read(b))


class C(A):
    pass


c = C(3)
print(read(c), read(A(4)), read(c))
try:
    read(object())
except AttributeError as e:
    print(e)
print(read(B(0)))


# Method-call sites: the cached function must give way to an instance attribute of that name,
# to a method replaced on the class, and to other
# classes at the same site.
class M:
    def m(self, x):
        return ("M.m", x)


class N:
    def m(self, x):
        return ("N.m", x)


def call(o, x):
    return o.m(x)


o = M()
print(call(o, 1), call(o, 2), call(N(), 3))
o.m = lambda x: ("instance", x)
print(call(o, 4), call(M(), 5))
del o.m
print(call(o, 6))


def replacement(self, x):
    return ("replaced", x)


print(call(o, 7))
M.m = replacement
print(call(o, 8))
M.m = property(lambda self: lambda x: ("property", x))
print(call(o, 9))


# A site that sees more classes than its cache remembers (subclasses of one base, and others
# whose instances keep the attribute at another position of their __dict__).
class Base:
    def __init__(self, k):
        self.k = k

    def get(self):
        return self.k


def make(i):
    class Sub(Base):
        def __init__(self, k):
            self.pad = [i] * i
            super().__init__(k * 10 + i)
    return Sub


subs = [make(i) for i in range(6)]
objs = [s(n) for n in range(3) for s in subs]
print(sum([o.get() for o in objs]), [o.get() for o in objs[:7]])
for o in objs:
    o.k += 1
print([o.k for o in objs][-6:])
