# The operator module: its functions (with CPython's argument errors), their dunder aliases,
# and itemgetter/attrgetter/methodcaller (calls, reprs, errors).
import operator as o
from operator import itemgetter, attrgetter, methodcaller, add
for f, a in [(o.truth, ()), (o.add, (1,)), (o.setitem, (1,2)), (o.neg, (1,2)), (o.add, ()), (o.itemgetter, ()), (o.attrgetter, ()), (o.methodcaller, ()), (o.call, ()), (o.countOf, (1,))]:
    try: f(*a)
    except TypeError as e: print(e)
try: o.add(a=1)
except TypeError as e: print(e)
try: o.itemgetter(1)(1, 2)
except TypeError as e: print(e)
try: o.itemgetter(1)(x=1)
except TypeError as e: print(e)
try: o.attrgetter(1)
except TypeError as e: print(e)
try: o.concat(1, 2)
except TypeError as e: print(e)
try: o.indexOf([1], 2)
except ValueError as e: print(e)
try: o.is_(1)
except TypeError as e: print(e)
print(o.itemgetter(1), o.itemgetter(1, 'a'), o.attrgetter('a.b'), o.attrgetter('a', 'b.c'), o.methodcaller('m'), o.methodcaller('m', 1, k=[2]))
print(o.add.__name__, o.__add__ is o.add, o.not_(0), o.index(5), o.inv(5), o.concat([1], [2]), o.countOf([1,1,2], 1))
print(type(o.itemgetter(1)), o.itemgetter(0)('ab'))
print(sorted([(1, 'b'), (0, 'c'), (2, 'a')], key=itemgetter(1)), itemgetter(0, 2)("xyz"))
class P:
    def __init__(self, x): self.x = x; self.me = self
    def m(self, k, j=0): return self.x * k + j
print(attrgetter("me.me.x")(P(4)), attrgetter("x", "me.x")(P(2)), methodcaller("m", 3, j=1)(P(5)))
import functools
print(functools.reduce(o.mul, range(1, 6)), list(map(o.add, [1, 2], [10, 20])), o.pow(2, 10), o.mod(-7, 3))
print(o.lt(1, 2), o.eq([1], [1]), o.contains("abc", "b"), o.getitem({1: 2}, 1), o.truediv(1, 4), o.floordiv(7, 2))
l = [1, 2]; o.setitem(l, 0, 9); o.delitem(l, 1); print(l, o.iadd(l, [3]), l, o.iconcat((1,), (2,)))
print(o.and_(6, 3), o.or_(6, 3), o.xor(6, 3), o.lshift(1, 4), o.rshift(16, 2), o.abs(-2), o.pos(-2), o.invert(0), o.is_not(None, 1))
print(o.call(max, 1, 5, key=lambda v: -v), o.__not__(1), o.__index__(3), o.__concat__("a", "b"))
try:
    attrgetter("nope")(P(1))
except AttributeError as e:
    print(e)
try:
    itemgetter(5)([1])
except IndexError as e:
    print(e)
cyc = []
g = itemgetter(cyc)
cyc.append(g)
print(len(cyc), repr(itemgetter(*"ab")), methodcaller("upper")("x"), o.__call__(len, "abc"))
