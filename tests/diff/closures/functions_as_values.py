# Module-level functions as values: stored, passed, returned, compared, named.
def square(x):
    return x * x

def cube(x):
    return x * x * x

def apply_all(fs, v):
    return [f(v) for f in fs]

ops = [square, cube]
print(apply_all(ops, 3))
table = {"sq": square, "cu": cube}
print(table["cu"](2), table["sq"](9))
f = square
print(f is square, f == square, f is cube, f != cube)
print(square.__name__, cube.__qualname__)
print(square(4))
