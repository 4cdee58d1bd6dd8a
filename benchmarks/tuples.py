# Tuples: a function returning a pair that its caller unpacks, and loops over a tuple of pairs.
def step(a, b):
    return b, (a + b) % 1000003


def run(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = step(a, b)
    return a


pairs = ((1, 2), (3, 4), (5, 6), (7, 8))
total = 0
for i in range(300000):
    for x, y in pairs:
        total += x * y + i
print(run(2000000), total)
