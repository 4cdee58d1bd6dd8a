class Seq:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self.n))]
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError(i)
        return i * i
    def __setitem__(self, k, v):
        print("set", k, v)
    def __delitem__(self, k):
        print("del", k)

s = Seq(6)
print(s[1:4], s[::2], s[::-1], s[-2:], s[5])
s[1:3] = [9]
del s[::2]
s[:] = ()
print(slice(1, 2), slice(3), slice(None, None, -1), slice(1, 2, 3).indices(10), slice(None, None, -1).indices(5))
sl = slice(2, 8, 2)
print(sl.start, sl.stop, sl.step, sl == slice(2, 8, 2), sl != slice(2, 8), slice(1, 2) < slice(1, 3))
print([0, 1, 2, 3, 4, 5, 6, 7, 8, 9][sl], (1, 2, 3, 4)[slice(1, None)], "abcdef"[slice(None, None, 2)], range(10)[sl], b"abcdef"[slice(1, 3)])
x = list(range(10))
x[slice(0, 3)] = ["a"]
del x[slice(None, None, 3)]
print(x, isinstance(sl, slice), type(sl).__name__, repr(slice("a", [1], None)))
class L(list):
    def __getitem__(self, i):
        r = super().__getitem__(i)
        return ("got", r)
l = L([1, 2, 3, 4])
print(l[1], l[1:3], l[::-1])
class M(list):
    def __setitem__(self, k, v):
        print("M set", k)
        super().__setitem__(k, v)
m = M([1, 2, 3])
m[0:2] = [7, 8, 9]
print(m, list.__len__(m), dict.__getitem__({1: 2}, 1))
try:
    hash(slice(1))
except TypeError as e:
    print(e)
try:
    {}[1:2]
except TypeError as e:
    print(e)
try:
    slice(1, 2, 0).indices(3)
except ValueError as e:
    print(e)
try:
    slice(1).indices(-1)
except ValueError as e:
    print(e)
for bad in [lambda: slice(), lambda: slice(1, 2, 3, 4), lambda: slice(x=1), lambda: s.n[1:2], lambda: Seq(3)["a":"b"]]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
