# A generator suspended inside an `except` block keeps its handled exception to itself (CPython's
# per-generator exception state); `with` blocks and `finally` clauses span yields.


def handler():
    try:
        raise ValueError("inside")
    except ValueError as e:
        yield repr(e)
        try:
            raise KeyError("nested")
        except KeyError as k:
            print("nested context:", repr(k.__context__))
        yield "second"
        raise


it = handler()
print(next(it))
try:
    raise TypeError("outside")
except TypeError as t:
    print("outside context:", repr(t.__context__))
print(next(it))
try:
    next(it)
except ValueError as e:
    print("re-raised:", repr(e))


class Manager:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, typ, value, tb):
        print("exit", self.name, typ.__name__ if typ else None)
        return False


def managed():
    with Manager("a") as m:
        yield m.name
        with Manager("b"):
            yield "inner"
    yield "after"


print(list(managed()))
mg = managed()
print(next(mg), next(mg))
mg.close()
print("closed")


def counting():
    n = 0
    try:
        while True:
            yield n
            n += 1
    finally:
        print("finally with n =", n)


c = counting()
print(next(c), next(c), next(c))
c.close()
print("closed")


def raising_in_finally():
    try:
        yield 1
    finally:
        raise KeyError("from finally")


r = raising_in_finally()
next(r)
try:
    r.close()
except KeyError as e:
    print("close raised", repr(e))
