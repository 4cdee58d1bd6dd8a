# The protocol slot wrappers called on values of a static type (a list, a str, a tuple): the
# same methods, results and errors as on boxed values.

xs = [3, 1, 2]
s = "abc"
t = (1, "two", 3.0)
print(xs.__len__(), xs.__getitem__(0), xs.__getitem__(-1), xs.__contains__(2), xs.__contains__(9))
print(s.__len__(), s.__getitem__(1), s.__contains__("bc"), s.__contains__("x"))
print(t.__len__(), t.__getitem__(1), t.__contains__(3.0), t.__getitem__(slice(0, 2)))
print(xs.__getitem__(slice(None, None, -1)), s.__getitem__(slice(1, None)))
xs.__setitem__(0, 9)
xs.__delitem__(1)
print(xs, list(xs.__iter__()), next(s.__iter__()), list(t.__iter__()))
it = xs.__iter__()
print(it.__next__(), it.__next__())
n = xs.__len__() + s.__len__()
print(n, n * 2)


def attempt(f):
    try:
        print(f())
    except (IndexError, TypeError, StopIteration) as e:
        print(type(e).__name__, e)


attempt(lambda: xs.__getitem__(10))
attempt(lambda: s.__getitem__(5))
attempt(lambda: t.__getitem__("x"))
attempt(lambda: xs.__len__(1))
attempt(lambda: s.__contains__(1))
attempt(lambda: xs.__getitem__())
attempt(lambda: xs.__setitem__(0))
attempt(lambda: xs.__delitem__(5))
attempt(lambda: it.__next__())
