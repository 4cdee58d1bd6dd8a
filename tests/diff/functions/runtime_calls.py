# Calls the runtime makes of function objects (key functions, map, filter, min/max) share their
# argument tuples between calls; bodies that keep their arguments (generators, closures), nested
# calls, exceptions and recursion through them behave as in CPython.
def gen(x):
    yield x
    yield x * 2


gens = list(map(gen, [1, 2, 3]))
print([list(g) for g in gens])


def keep(x):
    return lambda: x


fs = list(map(keep, range(5)))
print([f() for f in fs])
pairs = list(map(lambda a, b: (a, b), [[1], [2]], ({"k": 3}, {"k": 4})))
print(pairs, pairs[0][0] is not pairs[1][0])


def inner_sort(r):
    return sorted([r, -r, r * 2], key=abs)[0]


print(sorted(range(-5, 5), key=inner_sort))
print(list(map(lambda a, b, c: a + b * c, [1, 2], [3, 4], [5, 6])))
print(list(filter(lambda x: x % 3, range(12))), list(filter(None, [0, 1, "", "a"])))
print(max(["a", "bbb", "cc"], key=len), min([3, 1, 2], key=lambda v: -v))
print(sorted(["b", "A", "c"], key=str.lower), sorted([[3, 1], [2]], key=len))


def bad(x):
    if x == 3:
        raise ValueError("three")
    return x


try:
    sorted(range(10), key=bad)
except ValueError as e:
    print("ValueError:", e)
print(list(map(bad, [1, 2])))

# Each list made inside a key function is garbage once the sort ends; cycles among them too.
def cyclic(n):
    a = [n]
    a.append(a)
    return n % 3


print(sorted(range(20), key=cyclic))
# An exception from a function map calls ends the program with CPython's traceback.
print(list(map(bad, [1, 2, 3])))
