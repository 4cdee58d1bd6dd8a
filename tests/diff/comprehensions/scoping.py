# A comprehension's variables are its own; it reads the enclosing function's and the module's
# variables as they are when it runs; comprehensions nest inside comprehensions and functions.
base = 100

def f(items):
    i = "unchanged"
    scale = 2
    got = [i * scale + base for i in items]
    return i, got

print(f([1, 2, 3]))

def g(rows):
    width = len(rows)
    return [[cell + width for cell in row if cell != width] for row in rows]

print(g([[1, 2], [3, 2]]))

def h(n):
    out = []
    for k in range(n):
        out.append([k * j for j in range(k)])
    return out

print(h(4))
words = ["a", "bb", "ccc"]
lengths = [len(w) for w in words]
print(lengths, [w for w in words if len(w) > 1], [[c for c in w] for w in words])
print([x for x in range(10, 0, -3)], [x for x in range(3, 3)], [x * y for x in range(3) for y in range(x)])
step = 2
print([v for v in range(0, 10, step)])
