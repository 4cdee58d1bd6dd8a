# Typed fields of known classes (decisions/0031): every way a program can store into a field
# is seen, so a field read as a float is always a float. Each part stores a value of another
# type through a path other than the class's own direct methods.


class P:
    def __init__(self, x):
        self.x = x

    def bump(self, d):
        self.x += d
        return self.x


p = P(1.5)
print(p.bump(2.0))
# The function object, called through the class, with a float and with a str.
q = P(0.5)
P.bump(q, 1.0)
print(q.x)
r = P("a")
P.bump(r, "b")
print(r.x, r.bump("c"))


class S:
    def __init__(self, v):
        self.v = v

    def grow(self, d):
        self.v = self.v + d
        return self.v


s = S(1.0)
print(s.grow(0.5))
# A bound method object stores an int, then a str.
g = s.grow
print(g(1), s.v)
t = S("a")
print(t.grow("b"))


class T:
    def __init__(self, w):
        self.w = w

    def get(self):
        return self.w * 2


# Constructions the compiler cannot bind directly (star arguments) run __init__'s function
# object with whatever they pass.
args = [3]
print(T(*args).get(), T(2.5).get(), T(*["ab"]).get())


class U:
    def __init__(self, z):
        self.z = z

    def half(self):
        return self.z / 2


# An unknown subclass (decorated) runs the base's methods on its own instances.
def deco(c):
    return c


@deco
class V(U):
    def __init__(self, z):
        super().__init__(z)
        self.z = self.z * 10


print(U(3.0).half(), V(4).half())


class W:
    def __init__(self):
        self.k = 1.0

    def set_k(self, v):
        self.k = v


w = W()
w.set_k(2.5)
print(w.k)
# setattr with the field's name, and a generic store on a value of unknown type.
setattr(w, "k", "seven")
print(w.k)
objs = [w, 3]
objs[0].k = [1]
print(w.k)

# An attribute outside the layout makes the instance keep a __dict__; the fields still read.
w2 = W()
w2.extra = 1
w2.set_k(4.0)
print(w2.k, w2.extra)
del w2.k
try:
    print(w2.k)
except AttributeError as e:
    print("AttributeError:", e)
