# Lists passed to, returned from and mutated by functions; module-level lists; aliasing.
def fill(xs, n):
    for i in range(n):
        xs.append(i * i)
    return xs

def total(xs):
    s = 0
    for x in xs:
        s += x
    return s

def first_and_last(xs):
    return xs[0], xs[-1]

def swap_ends(xs):
    xs[0], xs[-1] = xs[-1], xs[0]

items = []
same = fill(items, 6)
print(items, same is items, total(items), first_and_last(items))
swap_ends(items)
print(items)

log = []

def record(msg):
    log.append(msg)
    return len(log)

record("a")
record("b")
print(log, record("c"))

def matrix(n):
    rows = []
    for i in range(n):
        row = []
        for j in range(n):
            row.append(i * n + j)
        rows.append(row)
    return rows

m = matrix(3)
print(m, m[1][2], len(m))
m[1][2] = -1
print(m[1])

def mixed(flag):
    if flag:
        return [1, 2]
    return (1, 2)

print(mixed(True), mixed(False), mixed(True) + [3])
stack = [1]
while stack:
    top = stack.pop()
    if top < 20:
        stack.append(top * 2)
        stack.append(top * 3)
    else:
        print(top, end=" ")
print()
