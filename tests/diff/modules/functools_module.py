# functools: reduce, partial, cmp_to_key, lru_cache and cache (hits, misses, eviction order).
import functools
from functools import cmp_to_key, lru_cache, partial, reduce

print(reduce(lambda a, b: a + b, [1, 2, 3, 4]), reduce(lambda a, b: a * b, range(1, 6), 10), reduce(max, [3], 0))
print(reduce(lambda acc, s: acc + s.upper(), ["a", "b"], ""), reduce(lambda a, b: a - b, iter([10, 1, 2])))


def power(base, exp, *, mod=None):
    r = base ** exp
    return r if mod is None else r % mod


square = partial(power, exp=2)
cube_mod = partial(power, exp=3, mod=5)
two_to = partial(power, 2)
print(square(7), cube_mod(4), two_to(10), two_to(exp=3), square(3, exp=4))
nested = partial(partial(power, 3), mod=7)
print(nested(4), nested.args, nested.keywords, nested.func is power, type(nested).__name__)
print(list(map(partial(int, base=2), ["101", "111"])), partial(max, 5)(1, 9))


def compare(a, b):
    return (a > b) - (a < b)


words = ["pear", "Apple", "fig", "banana"]
print(sorted(words, key=cmp_to_key(lambda a, b: compare(len(a), len(b)) or compare(a.lower(), b.lower()))))
print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)), max([1, 5, 3], key=cmp_to_key(compare)))
K = cmp_to_key(compare)
print(K(1) < K(2), K(2) <= K(2), K(3) == K(3), K(1) > K(2), K(5).obj)


@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(80), fib.cache_info(), fib.__name__, fib.__wrapped__(10), fib.cache_parameters())
fib.cache_clear()
print(fib.cache_info())


@lru_cache(maxsize=3)
def sq(x):
    print("compute", x)
    return x * x


for x in [1, 2, 3, 1, 4, 2, 1, 5, 3]:
    sq(x)
print(sq.cache_info())


@lru_cache
def greet(name, punct="!"):
    print("greeting", name)
    return "hi " + name + punct


print(greet("a"), greet("a"), greet("a", "?"), greet("a", punct="?"), greet(name="a"), greet.cache_info())


@functools.cache
def ways(n, coins=(1, 2, 5)):
    if n == 0:
        return 1
    if n < 0 or not coins:
        return 0
    return ways(n - coins[0], coins) + ways(n, coins[1:])


print(ways(100), ways.cache_info().hits > 0, type(ways.cache_info()).__name__)
typed = lru_cache(typed=True)(lambda x: type(x).__name__)
print(typed(1), typed(1.0), typed(True), typed.cache_info())
none_cache = lru_cache(0)(lambda x: x * 2)
print(none_cache(2), none_cache(2), none_cache.cache_info())


class Grid:
    def __init__(self, n):
        self.n = n

    @lru_cache(maxsize=None)
    def paths(self, r, c):
        if r == 0 or c == 0:
            return 1
        return self.paths(r - 1, c) + self.paths(r, c - 1)


g = Grid(3)
print(g.paths(10, 10), Grid.paths.cache_info().misses)
for f in [lambda: reduce(lambda a, b: a, []), lambda: reduce(max), lambda: reduce(max, 5), lambda: partial(),
          lambda: partial(5), lambda: lru_cache("x"), lambda: fib([1]), lambda: K(1) < 1, lambda: reduce(max, [1], 0, 1),
          lambda: cmp_to_key(compare)(), lambda: sorted([2, 1], key=cmp_to_key(lambda a, b: "x"))]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
