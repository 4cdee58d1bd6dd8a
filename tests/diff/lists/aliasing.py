# Aliasing: [[0] * 3] * 3 shares its rows; copies do not; in-place changes are visible through
# every reference.
grid = [[0] * 3] * 3
grid[0][0] = 1
print(grid, grid[0] is grid[1])
rows = [[0] * 3 for _ in range(3)]
rows[0][0] = 1
print(rows, rows[0] is rows[1])
a = [1, 2, 3]
b = a
c = a[:]
d = list(a)
e = a.copy()
a.append(4)
print(a, b, c, d, e, b is a, c is a)
def mutate(xs):
    xs[0] = "changed"
    xs = ["rebound"]
    return xs
r = mutate(a)
print(a, r)
t = ([1], 2)
t[0].append(3)
print(t)
