# Slot wrappers of builtin objects and classes, read as attributes.
print((5).__add__(1), (5).__radd__(2), (5).__sub__(7), (5).__rsub__(7))
x = 5
print(x.__add__(1.5), x.__mul__(3), x.__neg__(), x.__invert__(), x.__abs__(), x.__pos__())
print(x.__eq__(5), x.__lt__(2), x.__eq__("a"), x.__hash__(), x.__bool__(), (0).__bool__())
print(x.__index__(), x.__int__(), x.__float__(), True.__int__(), True.__index__())
print((3).__pow__(200, 1000), (200).__rpow__(3, 1000), (2).__pow__(10), (2).__pow__(3, None))
print((2.5).__neg__(), (2.5).__add__(1), (2.5).__radd__(1), (2.5).__mul__("a"), (2.5).__int__(), (2.5).__float__())
print((7).__floordiv__(2), (7).__truediv__(2), (7).__mod__(3), (7).__rmod__(30), (6).__and__(3), (6).__or__(3), (6).__xor__(3))
print((1).__lshift__(10), (1024).__rshift__(3), (3).__rlshift__(1))
print(True.__and__(False), True.__or__(False), True.__add__(True))
print("ab".__add__("c"), "ab".__mul__(3), "ab".__rmul__(2), "ab".__eq__("ab"), "ab".__lt__("b"), "ab".__len__())
print("ab".__contains__("a"), "abc".__getitem__(1), "abc".__getitem__(slice(1, None)), "x%sy".__mod__(5))
print("ab".__repr__(), "ab".__str__(), "ab".__hash__() == hash("ab"), "ab".__format__(">5"))
print((5).__format__("05"), (2.5).__format__(".3f"), (5).__repr__(), (5).__str__())
xs = [3, 1, 2]
print(xs.__len__(), xs.__getitem__(0), xs.__contains__(2), xs.__add__([4]), xs.__mul__(2), xs.__eq__([3, 1, 2]))
xs.__setitem__(0, 9); xs.__delitem__(1); xs.__iadd__([7]); print(xs, xs.__hash__, xs.__repr__())
print([].__hash__ is None, {}.__hash__ is None, set().__hash__ is None, frozenset().__hash__() == hash(frozenset()))
t = (1, 2)
print(t.__len__(), t.__add__((3,)), t.__hash__() == hash(t), t.__lt__((1, 3)), t.__getitem__(-1))
d = {"a": 1}
print(d.__getitem__("a"), d.__contains__("b"), d.__len__(), d.__or__({"b": 2}), d.__eq__({"a": 1}))
d.__setitem__("c", 3); d.__delitem__("a"); print(d)
s = {1, 2}
print(s.__contains__(1), s.__or__({3}), s.__and__({2}), s.__sub__({1}), s.__len__(), s.__le__({1, 2, 3}))
it = iter([1, 2])
print(it.__next__(), it.__iter__() is it, it.__next__())
try:
    it.__next__()
except StopIteration as e:
    print("stop", repr(e))
print(None.__eq__(None), None.__bool__(), None.__repr__(), None.__ne__(1))
r = range(10)
print(r.__len__(), r.__getitem__(3), r.__contains__(5))
# From the classes.
print(int.__add__(3, 4), int.__add__(3, 4.0), float.__mul__(2.0, 3), str.__len__("abc"), list.__len__([1]))
print(int.__neg__(5), bool.__and__(True, True), int.__hash__(7), str.__upper__ if False else "-")
print(int.__add__, int.__neg__, str.__hash__, int.__format__, bool.__and__, bool.__add__, int.__str__)
print(list.__hash__, dict.__hash__, set.__hash__, type(None).__eq__, type(None).__bool__, tuple.__add__)
print(int.__add__ is int.__add__, int.__add__ == int.__add__, int.__add__.__name__, int.__add__.__qualname__)
print(hasattr(int, "__neg__"), hasattr(float, "__invert__"), hasattr(str, "__iter__"), hasattr(3, "__len__"), hasattr([], "__iter__"))
print(getattr(3, "__mul__")(4), getattr(int, "__sub__")(10, 3))
print(sorted([3, -1, 2], key=int.__neg__), list(map(int.__mul__, [1, 2], [3, 4])), list(map(str.__len__, ["a", "bb"])))
f = (3).__mul__
print(f(4), f("ab"), [f(i) for i in range(3)])
print(sum.__call__([1, 2]), len.__call__("abc"), (lambda a: a * 2).__call__(4))
class P:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return P(self.v + (o.v if isinstance(o, P) else o))
    def __radd__(self, o):
        return self.__add__(o)
    def __repr__(self):
        return "P(%r)" % self.v
print(int.__add__(1, P(2)), sum([P(1), P(2)]), (1).__add__(P(3)), P(4).__add__(1))
print((7).__divmod__(2), (7).__rdivmod__(30), (7).__divmod__(2.0), (7.5).__divmod__(2), (7.5).__rdivmod__(20), int.__divmod__(-7, 2))
print(float.__divmod__, int.__rdivmod__, True.__divmod__(2), hasattr("", "__divmod__"))
try:
    (7).__divmod__(0)
except ZeroDivisionError as e:
    print(e)
try:
    (7.0).__divmod__(0)
except ZeroDivisionError as e:
    print(e)
print((7).__divmod__("a"), (2.0).__divmod__(None))
