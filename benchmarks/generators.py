# Generator pipelines: generator functions with state across yields, generator expressions
# consumed by builtins, `yield from` delegation, send().


def naturals(limit):
    n = 0
    while n < limit:
        yield n
        n += 1


def evens(it):
    for x in it:
        if x % 2 == 0:
            yield x


def scaled(it, k):
    for x in it:
        yield x * k


def tree(depth):
    if depth == 0:
        yield 1
        return
    yield from tree(depth - 1)
    yield depth
    yield from tree(depth - 1)


def running_mean():
    total = 0.0
    count = 0
    mean = 0.0
    while True:
        x = yield mean
        total += x
        count += 1
        mean = total / count


total = 0
for rnd in range(5):
    total += sum(scaled(evens(naturals(200000)), 3))
    total += sum(x * x for x in range(100000) if x % 3 == 0)
    total += sum(tree(14))
    m = running_mean()
    next(m)
    last = 0.0
    for i in range(50000):
        last = m.send(float(i))
    total += int(last)
    m.close()
print(total)
