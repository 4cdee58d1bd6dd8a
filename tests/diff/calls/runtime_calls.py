# Functions called by the runtime (key functions, map, filter, reduce, min/max): the direct
# path for a function whose positional parameters are exactly the arguments, and every other
# shape through the general call.
import functools
import sys

data = [5, 3, 9, 1, 7]
print(sorted(data, key=lambda x: -x))
print(list(map(lambda a, b: a * b, data, data[1:])))
print(list(filter(lambda x: x % 3, data)))
print(functools.reduce(lambda a, b: a * 10 + b, data))
print(min(data, key=lambda x: (x - 6) ** 2), max(data, key=lambda x: x % 4))


def with_default(x, scale=2):
    return x * scale


def star(*args):
    return sum(args)


def kwonly(x, *, k=3):
    return x + k


print(sorted(data, key=with_default), list(map(with_default, data)), list(map(star, data, data)))
print(list(map(kwonly, data)))


def gen(x):
    yield x
    yield -x


print([list(g) for g in map(gen, data[:2])])

n = 0


def counting(x):
    global n
    n += 1
    return x


sorted(data, key=counting)
print(n)


class Boom(Exception):
    pass


def bad(x):
    if x == 9:
        raise Boom("nine")
    return x


try:
    sorted(data, key=bad)
except Boom as e:
    print("caught", e, data)

try:
    list(map(lambda a: a, data, data))
except TypeError as e:
    print(e)

try:
    sorted(data, key=lambda: 0)
except TypeError as e:
    print(e)


def deep(x):
    return sorted([x], key=deep)


sys.setrecursionlimit(200)
try:
    deep(1)
except RecursionError as e:
    print("recursion:", e)
print(sorted(data, key=bad if False else abs))
print(sorted([-1, 2, -3], key=functools.partial(with_default, scale=-1)))
