import re
out = []
def show(f):
    try:
        r = f()
    except Exception as e:
        out.append('!%s: %s' % (type(e).__name__, e))
        return
    out.append(re.sub(r'0x[0-9a-f]+', '0x…', type(r).__name__ + ':' + repr(r)))

class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __repr__(self):
        return 'Point(%r, %r)' % (self.x, self.y)
    def __add__(self, o):
        if not isinstance(o, Point):
            return NotImplemented
        return Point(self.x + o.x, self.y + o.y)
    def __eq__(self, o):
        if not isinstance(o, Point):
            return NotImplemented
        return self.x == o.x and self.y == o.y
    def norm2(self):
        return self.x * self.x + self.y * self.y
p = Point(1, 2)
q = Point(3, 4)
show(lambda: p)
show(lambda: p + q)
show(lambda: p + 1)
show(lambda: 1 + p)
show(lambda: p == Point(1, 2))
show(lambda: p != Point(1, 2))
show(lambda: p == 5)
show(lambda: hash(p))
show(lambda: p.norm2())
show(lambda: p.x)
show(lambda: p.z)
show(lambda: Point.z)
show(lambda: p.__dict__)
show(lambda: Point.__name__)
show(lambda: Point.__qualname__)
show(lambda: Point.__module__)
show(lambda: Point.__mro__)
show(lambda: Point.__bases__)
show(lambda: Point.__base__)
show(lambda: Point.__doc__)
show(lambda: Point)
show(lambda: type(p))
show(lambda: Point(1))
show(lambda: isinstance(p, Point))
show(lambda: issubclass(Point, object))
show(lambda: p.norm2)
show(lambda: Point.norm2)
show(lambda: str(p))
show(lambda: format(p, ''))
show(lambda: format(p, 'x'))
show(lambda: bool(p))
show(lambda: -p)
show(lambda: p < q)
show(lambda: len(p))
show(lambda: p[0])
show(lambda: iter(p))
show(lambda: p())
del p.x
show(lambda: p.x)
show(lambda: delattr(p, 'x'))
p.x = 7
show(lambda: p.norm2())
show(lambda: setattr(1, 'x', 2))
show(lambda: setattr(int, 'x', 2))
show(lambda: setattr([], 'append', 2))
show(lambda: setattr(1, 'real', 2))
def sub(self, o):
    return Point(self.x - o.x, self.y - o.y)
Point.__sub__ = sub
show(lambda: q - Point(1, 1))
show(lambda: object())
show(lambda: Point.__init__)

class A:
    def __init__(self, a):
        self.a = a
    def who(self):
        return 'A'
class B(A):
    def __init__(self, a, b):
        super().__init__(a)
        self.b = b
    def who(self):
        return 'B' + super().who()
class C(A):
    def who(self):
        return 'C' + super().who()
class D(B, C):
    def who(self):
        return 'D' + super().who()
d = D(1, 2)
show(lambda: D.__mro__)
show(lambda: D.mro())
show(lambda: d.who())
show(lambda: (d.a, d.b))
show(lambda: isinstance(d, C))
show(lambda: issubclass(D, (int, C)))
show(lambda: issubclass(C, B))
show(lambda: issubclass(1, B))
show(lambda: issubclass(B, 1))
show(lambda: C(5).who())
show(lambda: C())
show(lambda: type('X', (A, A), {}))
show(lambda: type('X', (A, B), {}))
show(lambda: type('X', (bool,), {}))
show(lambda: type('X', (StopIteration, SystemExit), {}))
show(lambda: type('X', (ValueError, KeyError), {}).__mro__)
show(lambda: super(B, 1))
show(lambda: super(B, d).who())
show(lambda: getattr(d, 'a'))
show(lambda: getattr(d, 'zz', 9))
show(lambda: getattr(d, 'zz'))
show(lambda: getattr(d, 5))
show(lambda: hasattr(d, 'b'))
show(lambda: hasattr(d, 'zz'))

class MyError(ValueError):
    def __init__(self, msg, code):
        super().__init__(msg)
        self.code = code
e = MyError('boom', 3)
show(lambda: e)
show(lambda: str(e))
show(lambda: e.args)
show(lambda: e.code)
show(lambda: e.__dict__)
show(lambda: isinstance(e, ValueError))
class Plain(Exception):
    pass
show(lambda: Plain('a', 2))
show(lambda: str(Plain('a', 2)))
show(lambda: Plain(x=1))
show(lambda: Plain().args)
show(lambda: MyError.__mro__)

class P:
    def __init__(self):
        self._x = 0
    @property
    def x(self):
        return self._x
    @x.setter
    def x(self, v):
        self._x = v
    @property
    def ro(self):
        return 1
    @staticmethod
    def s(a):
        return a * 2
    @classmethod
    def c(cls, a):
        return cls.__name__ + str(a)
pp = P()
pp.x = 5
show(lambda: pp.x)
show(lambda: setattr(pp, 'ro', 1))
show(lambda: delattr(pp, 'ro'))
show(lambda: P.s(4))
show(lambda: pp.s(4))
show(lambda: P.c(1))
show(lambda: pp.c(2))
show(lambda: P.x)
show(lambda: P.__dict__['s'])
show(lambda: P.c)

class N:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return 'N(%r)' % (self.v,)
    def __add__(self, o):
        return 'N.add'
    def __radd__(self, o):
        return 'N.radd'
    def __lt__(self, o):
        return 'N.lt'
    def __gt__(self, o):
        return 'N.gt'
    def __len__(self):
        return self.v
class M(N):
    def __radd__(self, o):
        return 'M.radd'
n = N(1)
m = M(2)
show(lambda: n + m)
show(lambda: m + n)
show(lambda: 1 + n)
show(lambda: n < 5)
show(lambda: 5 < n)
show(lambda: n < m)
show(lambda: len(n))
show(lambda: len(N(-1)))
show(lambda: len(N('a')))
show(lambda: bool(N(0)))
show(lambda: n == n)
show(lambda: hash(n) == hash(n))
class Bad:
    def __bool__(self):
        return 1
    def __str__(self):
        return 1
    def __repr__(self):
        return 2
    def __hash__(self):
        return 2 ** 70
    def __index__(self):
        return 'x'
show(lambda: bool(Bad()))
show(lambda: str(Bad()))
show(lambda: repr(Bad()))
show(lambda: hash(Bad()))
show(lambda: [1, 2][Bad()])
class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return i * 10
show(lambda: list(Seq()))
show(lambda: 10 in Seq())
show(lambda: 5 in Seq())
class It:
    def __init__(self):
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.i += 1
        if self.i > 3:
            raise StopIteration
        return self.i
show(lambda: list(It()))
class Call:
    def __call__(self, a):
        return a + 1
show(lambda: Call()(1))
show(lambda: callable(Call()))
show(lambda: callable(n))
class G:
    def __getattr__(self, name):
        return 'got ' + name
show(lambda: G().foo)
class S:
    def __setattr__(self, name, v):
        object.__setattr__(self, name, v * 2)
ss = S()
ss.a = 2
show(lambda: ss.a)
class Idx:
    def __index__(self):
        return 1
    def __int__(self):
        return 42
    def __float__(self):
        return 2.5
show(lambda: [5, 6][Idx()])
show(lambda: int(Idx()))
show(lambda: float(Idx()))
show(lambda: int(n))
class Desc:
    def __set_name__(self, owner, name):
        self.name = name
    def __get__(self, obj, objtype):
        return 'get ' + self.name
    def __set__(self, obj, v):
        obj.__dict__['seen'] = v
class Base:
    def __init_subclass__(cls):
        cls.tag = 'tagged ' + cls.__name__
class Sub(Base):
    d = Desc()
sb = Sub()
show(lambda: Sub.tag)
show(lambda: sb.d)
sb.d = 5
show(lambda: sb.seen)
show(lambda: Sub.d)
class Sl:
    __slots__ = ('a',)
sl = Sl()
sl.a = 1
show(lambda: sl.a)
show(lambda: setattr(sl, 'b', 1))
show(lambda: sl.__dict__)
class Sl2:
    __slots__ = ('b',)
show(lambda: type('Y', (Sl, Sl2), {}))
show(lambda: type('Y', (Sl, Sub), {}).__mro__)
print('\n'.join(out))
