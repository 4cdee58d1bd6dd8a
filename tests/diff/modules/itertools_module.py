"""itertools: every function and type, keyword arguments, errors, groupby's shared iterator."""
import itertools
from itertools import (accumulate, chain, combinations, combinations_with_replacement, compress,
                       count, cycle, dropwhile, filterfalse, groupby, islice, pairwise,
                       permutations, product, repeat, starmap, takewhile, tee, zip_longest)


class Countdown:
    """An iterable user class."""

    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return iter(list(range(self.n, 0, -1)))


class Boom:
    """An iterator that fails after two items."""

    def __init__(self):
        self.i = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.i += 1
        if self.i > 2:
            raise KeyError("boom")
        return self.i


def attempt(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


def main():
    print(itertools.count, itertools.tee, count.__name__, count.__module__)
    c = count(5)
    print(c, next(c), next(c), c)
    print(count(2.5, 0.5), count(start=1, step=3), count(True), count(1, -1))
    print(list(islice(count(10, 2), 5)), list(islice(count(), 3, 10, 3)))
    print(list(islice("abcdefg", 2)), list(islice("abcdefg", 2, None)), list(islice("abcdefg", 1, 6, 2)))
    print(list(islice(cycle("ab"), 5)), list(cycle([])))
    r = repeat("a", 3)
    print(r, list(r), r, repeat(None), list(repeat(1, -2)), list(repeat(object="x", times=2)))
    print(list(accumulate([1, 2, 3, 4])), list(accumulate([3, 1, 4, 1, 5], max)))
    print(list(accumulate([1, 2, 3], initial=100)), list(accumulate([], initial=7)), list(accumulate(["a", "b"], func=None)))
    print(list(chain("ab", [1, 2], (), Countdown(3))), list(chain.from_iterable(["xy", [3]])), list(chain()))
    print(list(compress("ABCDEF", [1, 0, 1, 0, 1, 1])), list(compress(data=range(5), selectors=[0, 1])))
    print(list(dropwhile(lambda x: x < 3, [1, 2, 3, 4, 1])), list(takewhile(lambda x: x < 3, [1, 2, 3, 4, 1])))
    print(list(filterfalse(None, [0, 1, "", "a", None])), list(filterfalse(lambda x: x % 2, range(7))))
    print(list(starmap(divmod, [(7, 2), (9, 4)])), list(starmap(max, [[1, 9], "ab"])))
    print(list(pairwise("abcd")), list(pairwise([1])))
    print(list(zip_longest("ab", [1, 2, 3])), list(zip_longest("a", "bcd", fillvalue="-")), list(zip_longest()))
    a, b = tee(Countdown(4))
    print(next(a), next(a), list(b), list(a))
    x, y, z = tee("xyz", 3)
    print(list(x), list(y), next(z), tee([1], 0))
    print(list(product("ab", range(2))), list(product([0, 1], repeat=2)), list(product()))
    print(len(list(product(range(3), repeat=4))), len(list(permutations(range(5)))), len(list(permutations(range(6), 3))))
    print(list(permutations("abc", 2)), list(permutations([], 0)), list(permutations("ab", 3)))
    print(list(combinations("abcd", 2)), list(combinations(range(3), 0)), list(combinations("ab", 3)))
    print(list(combinations_with_replacement("abc", 2)), list(combinations_with_replacement("", 0)))
    records = sorted([("pear", 3), ("apple", 1), ("plum", 4), ("avocado", 2), ("banana", 5)])
    for letter, group in groupby(records, key=lambda r: r[0][0]):
        print(letter, [name for name, _ in group])
    print([(k, len(list(g))) for k, g in groupby("aaabccdd")])
    groups = groupby("aabbc")
    k1, g1 = next(groups)
    k2, g2 = next(groups)
    print(k1, list(g1), k2, list(g2))
    print([k for k, _ in groupby([1, 1, 2, 2, 1])])
    attempt(lambda: count("a"))
    attempt(lambda: count(1, 2, 3))
    attempt(lambda: cycle())
    attempt(lambda: repeat())
    attempt(lambda: repeat("a", "b"))
    attempt(lambda: accumulate([1], 2, 3))
    attempt(lambda: chain(x=1))
    attempt(lambda: list(chain([1], 5)))
    attempt(lambda: chain.from_iterable())
    attempt(lambda: compress([1]))
    attempt(lambda: dropwhile(None))
    attempt(lambda: islice([1], -1))
    attempt(lambda: islice([1], 1, 2, 0))
    attempt(lambda: islice([1], -1, 2))
    attempt(lambda: islice([1]))
    attempt(lambda: tee([1], -1))
    attempt(lambda: tee([1], n=2))
    attempt(lambda: zip_longest([1], fill=2))
    attempt(lambda: product([1], repeat=-1))
    attempt(lambda: permutations([1], "a"))
    attempt(lambda: combinations([1], -1))
    attempt(lambda: combinations_with_replacement([1]))
    attempt(lambda: pairwise())
    attempt(lambda: groupby(5))
    attempt(lambda: list(chain(Boom())))
    attempt(lambda: list(islice(Boom(), 5)))
    attempt(lambda: list(accumulate([1, "a"])))
    attempt(lambda: list(starmap(divmod, [1])))
    print(list(zip(count(), "abc")))
    print(len(list(islice(count(), 1000))))
    print(list(islice(count(1), 0, 10)), list(product("ab", repeat=0)))
    print(next(islice(Boom(), 5, None)))


if __name__ == "__main__":
    main()
