# Calls of a function object the calling function made, with exactly its positional
# parameters, run its code directly; every other call goes through the runtime.
import sys


def closures():
    scale = 3
    def f(x, y):
        return x * scale + y
    t = 0
    for i in range(1000):
        t = f(i, t) % 1000003
    sq = lambda v: v * v
    print(t, sq(12), [sq(i) for i in range(4)])
    def g(a, b=2):
        return a + b
    print(g(1), g(1, 5), g(b=1, a=2))
    def h(*a):
        return a
    print(h(), h(1, 2))
    k = f if t % 2 else g
    print(k(1, 2))
    for i in range(3):
        def w(x):
            return x + i
        print(w(10))
    f = lambda x, y: x - y
    print(f(5, 3))


closures()


def errors():
    def boom(x):
        return 10 // x
    try:
        boom(0)
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
    def arity(a, b):
        return a
    try:
        arity(1)
    except TypeError as e:
        print("TypeError:", e)
    def rec(n):
        return n if n == 0 else rec(n - 1)
    print(rec(200))
    down = lambda n: 0 if n == 0 else down(n - 1)
    try:
        down(10 ** 6)
    except RecursionError as e:
        print("RecursionError:", e)
    def gen(n):
        for i in range(n):
            yield i * i
    print(list(gen(4)), sum(gen(5)))


errors()


def depth_limit():
    # The direct call counts one frame, as the runtime's call does.
    def probe(n):
        try:
            return probe(n + 1)
        except RecursionError:
            return n
    def outer():
        return probe(0)
    a = outer()
    sys.setrecursionlimit(400)
    b = outer()
    sys.setrecursionlimit(1000)
    print(a - b)


depth_limit()


class Box:
    def method(self):
        def helper(v):
            return v + self.base
        self.base = 5
        return helper(1), helper(2)


print(Box().method())


def traceback_through():
    def inner(x):
        return x["missing"]
    def outer(x):
        return inner(x)
    return outer({})


traceback_through()
