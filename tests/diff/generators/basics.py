# Generator functions: iteration, next(), return values, state across yields, closures.


def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "finished"


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


def pairs(items):
    for i, x in enumerate(items):
        for y in items[i + 1:]:
            yield x, y


def floats(x):
    total = 0.0
    for k in range(4):
        total += x * k
        yield total


def empty():
    return
    yield


def make_counter(step):
    def gen(start):
        v = start
        while v < start + 3 * step:
            yield v
            v += step
    return gen


class Tree:
    def __init__(self, value, children=()):
        self.value = value
        self.children = list(children)

    def walk(self):
        yield self.value
        for c in self.children:
            for v in c.walk():
                yield v


print(list(count_up(5)))
for x in count_up(3):
    print("x =", x)
g = count_up(2)
print(type(g).__name__, g.__name__, g.__qualname__)
print(next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("stop:", e.value, e.args)
print(next(g, "default"))

f = fib()
print([next(f) for _ in range(12)])
print(list(pairs(["a", "b", "c"])))
print(list(floats(1.5)))
print(list(empty()), list(empty()) == [])
print(list(make_counter(5)(10)))
print(make_counter(2)(0).__qualname__)
t = Tree(1, [Tree(2, [Tree(4)]), Tree(3)])
print(list(t.walk()))
print(sum(count_up(101)), max(count_up(7)), sorted(count_up(4), reverse=True))

# Generators are lazy: nothing runs until the first next().
def noisy():
    print("started")
    yield 1
    print("resumed")
    yield 2
    print("ending")


n = noisy()
print("made")
print(next(n))
print(next(n))
print(list(n))
print(list(n))

# Big ints and strings kept across yields.
def powers(base):
    p = 1
    for _ in range(5):
        p *= base
        yield p, str(p)


print(list(powers(10 ** 10)))

# Two generators of the same function are independent.
a, b = count_up(3), count_up(3)
print(next(a), next(a), next(b), next(a), next(b))
