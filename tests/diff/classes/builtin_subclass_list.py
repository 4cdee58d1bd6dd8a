# Classes deriving from list: construction, inherited behaviour, overrides, attributes.


class Stack(list):
    def push(self, x):
        self.append(x)

    def peek(self):
        return self[-1]

    @property
    def top(self):
        return self[-1] if self else None


class Typed(list):
    def __init__(self, kind, items=()):
        super().__init__(items)
        self.kind = kind

    def append(self, x):
        if not isinstance(x, self.kind):
            raise TypeError(f"expected {self.kind.__name__}, got {type(x).__name__}")
        super().append(x)

    def __repr__(self):
        return f"Typed({self.kind.__name__}, {super().__repr__()})"


class Logged(list):
    def __setitem__(self, i, v):
        print("set", i, v)
        super().__setitem__(i, v)

    def __getitem__(self, i):
        r = super().__getitem__(i)
        print("get", i, r)
        return r

    def __len__(self):
        return super().__len__() * 10

    def __iter__(self):
        for x in super().__iter__():
            yield x * 100


s = Stack()
s.push(1)
s.push(2)
s.extend([3, 4])
print(s, s.peek(), s.top, len(s), s.pop(), s, type(s).__name__, isinstance(s, list))
print(s + [9], type(s + [9]).__name__, s * 2, 2 * s, s[1:], type(s[1:]).__name__, s[::-1])
s += [7]
print(s, type(s).__name__)
s *= 2
print(s, type(s).__name__, s.count(7), s.index(2), 7 in s, 99 in s, sorted(s), min(s), max(s), sum(s))
s.sort(reverse=True)
print(s, s == [7, 7, 3, 3, 2, 2, 1, 1], s < [8], list(reversed(s)))
del s[0]
s[0] = 70
s.insert(0, -1)
s.remove(3)
print(s, Stack().top, bool(Stack()), bool(s), repr(Stack([1, [2]])))
s.clear()
print(s, len(s))

t = Typed(int, [1, 2])
t.append(3)
try:
    t.append("x")
except TypeError as ex:
    print("TypeError:", ex)
print(t, t.kind, list(t), [x * 2 for x in t], t.__dict__)

lg = Logged([1, 2, 3])
lg[0] = 5
print(lg[1], len(lg), list(lg), [x for x in lg], sum(lg))

a, b, *rest = Stack([1, 2, 3, 4])
print(a, b, rest)
n = Stack([3, 1, 2])
n.tag = "nums"
print(n.tag, sorted(n), n.copy(), type(n.copy()).__name__, vars(n))
cyc = Stack()
cyc.append(cyc)
print(cyc)
print(Stack("abc"), Stack(range(3)), Stack(x for x in "hi"))
print(Stack.__mro__, issubclass(Stack, list), n.__len__())
