# List comprehensions: conditions, nested loops, tuples, reading the enclosing function's
# variables, comprehensions inside comprehensions, module level, and their own scope.
xs = [3, 1, 4, 1, 5, 9, 2, 6]
print([x * 2 for x in xs])
print([x for x in xs if x % 2 == 1 if x > 1])
print([(x, y) for x in range(3) for y in "ab"])
print([[y * x for y in range(x)] for x in range(4)])
print([c for c in "hello" if c != "l"], [t[0] for t in [(1, 2), (3, 4)]])

def scaled(values, k):
    offset = 10
    return [v * k + offset for v in values if v != k]

print(scaled(xs, 3))

def matrix(n):
    return [[i * n + j for j in range(n)] for i in range(n)]

m = matrix(3)
print(m, [row[1] for row in m], [m[i][i] for i in range(3)])
x = "outer"
squares = [x * x for x in range(5)]
print(x, squares)
pairs = [(a, b) for a, b in [(1, "one"), (2, "two")]]
print(pairs)
total = 0
for s in [sum_ for sum_ in [1, 2, 3]]:
    total += s
print(total, len([0 for _ in range(7)]), [] == [z for z in ()])
n = 4
print([i + n for i in range(n)])
