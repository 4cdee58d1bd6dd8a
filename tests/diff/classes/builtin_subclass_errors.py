# The errors of classes deriving from dict and list, caught and printed.


class D(dict):
    pass


class L(list):
    pass


class NoDict(list):
    __slots__ = ()


def attempt(f):
    try:
        r = f()
        print("ok", r)
    except Exception as e:
        print(type(e).__name__ + ":", e)


attempt(lambda: D(a=1)["b"])
attempt(lambda: L(1))
attempt(lambda: D(1, 2))
attempt(lambda: hash(D()))
attempt(lambda: hash(L()))
attempt(lambda: {L(): 1})
attempt(lambda: L([1]) * "a")
attempt(lambda: L([1]) + 5)
attempt(lambda: L([1], x=2))
attempt(lambda: L([1])[5])
attempt(lambda: L([1]).nope)
attempt(lambda: setattr(NoDict(), "x", 1))
attempt(lambda: object.__new__(D))
attempt(lambda: D.__new__(D))
attempt(lambda: L.__new__(D))
attempt(lambda: type("X", (dict, list), {}))
attempt(lambda: D().__dict__)
attempt(lambda: NoDict().__dict__)
attempt(lambda: L([3, 1, 2]).sort(key=1))
attempt(lambda: L([1]).__getitem__(1, 2))
attempt(lambda: D({}).__setitem__(1))
attempt(lambda: L([1, 2]).__init__([3], [4]))


class Missing(dict):
    def __missing__(self, key):
        raise LookupError(f"no {key}")


m = Missing(x=1)
print(m["x"])
print(m["y"])
