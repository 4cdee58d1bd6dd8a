# Comprehensions and closures together: cells passed into comprehensions, lambdas made inside.
def scale_all(xs, k):
    return [x * k for x in xs]

def adders(ns):
    return [lambda x, n=n: x + n for n in ns]

def shared_k(xs):
    k = 10
    fs = [lambda: k + x for x in xs]
    k = 100
    return [f() for f in fs]

def nested(n):
    return [[(lambda: i * j)() for j in range(n)] for i in range(n)]

print(scale_all([1, 2, 3], 3))
print([f(1) for f in adders([1, 2, 3])])
print(shared_k([1, 2]))
print(nested(3))
total = 0
def acc(items):
    def add(v):
        nonlocal count
        count += v
    count = 0
    [add(i) for i in items]
    return count
print(acc(range(5)))
