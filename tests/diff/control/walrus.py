# Assignment expressions (PEP 572): where they bind, what they return, and their scopes.
import sys

xs = [3, 1, 4, 1, 5, 9, 2, 6]

# At module level, in a condition.
if (n := len(xs)) > 5:
    print("long", n)

# In a while loop, reading a value at a time.
items = list(range(5))
total = 0
while (k := items.pop() if items else None) is not None:
    total += k
print("total", total, k)

# The value of the expression is the value bound.
print((y := 10) + y, y)
print([z := 1, z + 1])

# In a comprehension: the target is the module's variable.
big = [w for x in xs if (w := x * 2) > 6]
print(big, w)
print({x: (last := x % 3) for x in xs}, last)

# In a function: the comprehension binds the function's variable.
def running(values):
    acc = 0
    sums = [acc := acc + v for v in values]
    return sums, acc

print(running(xs))

def first_long(words):
    if any(len(found := w) > 4 for w in words):
        return found
    return None

print(first_long(["a", "bb", "ccccc", "dddddd"]), first_long(["a"]))

# Nested comprehensions: the target skips every comprehension scope.
def nested():
    grid = [[(cell := r * c) for c in range(3)] for r in range(3)]
    return grid, cell

print(nested())

# A closure sees the variable the comprehension bound.
def closure():
    [m := i for i in range(4)]
    def get():
        return m
    return get()

print(closure())

# Declared global in the function: the comprehension binds the module variable.
counter = 0
def count_globally(values):
    global counter
    [counter := counter + v for v in values]
    return counter

print(count_globally([1, 2, 3]), counter)

# nonlocal through the enclosing function.
def outer():
    hits = 0
    def inner(values):
        nonlocal hits
        return [hits := hits + 1 for v in values if v]
    inner([1, 0, 1])
    return hits

print(outer())

# In lambdas and keyword arguments.
f = lambda v: (sq := v * v) + sq
print(f(3))
print(sorted(xs, key=lambda v: (neg := -v)))
print(dict(a=(aa := 5)), aa)

# Generator expressions bind when they run.
def gen_binding():
    g = ((last := v) for v in range(3))
    before = "unbound"
    try:
        last
    except NameError as e:
        before = type(e).__name__
    list(g)
    return before, last

print(gen_binding())

# In a class body (not in a comprehension), it binds a class attribute.
class K:
    size = (half := 8) * 2
    print("in class", half)

print(K.size, K.half)

# Conditional binding: unbound when the branch does not run.
def maybe(flag):
    if flag and (v := 7):
        pass
    return v

print(maybe(True))
try:
    maybe(False)
except UnboundLocalError as e:
    print("UnboundLocalError:", e)

def empty_comp():
    [(q := x) for x in []]
    return q

try:
    empty_comp()
except NameError as e:
    print(type(e).__name__, e)

try:
    [(never := x) for x in ()]
    print(never)
except NameError as e:
    print(type(e).__name__, e)

# Chained: each := is its own assignment.
print((a := (b := 2) * 3), a, b)

# A loop of reads with a walrus in an f-string.
print(f"{(fv := 21) * 2} {fv}")

# Typed loops, generators, parameters, lambdas, methods, builtins' names, floats.
def typed(n):
    i = 0
    s = 0
    while (i := i + 1) <= n:
        s += i
    return s, i

print(typed(10))

def gen(values):
    for v in values:
        if (d := v * 2) > 2:
            yield d
    yield [t := 5 for _ in range(1)][0] + t

print(list(gen([1, 2, 3])))

def param(x):
    [x := x + 1 for _ in range(3)]
    return x

print(param(10))

g = lambda xs: ([m := v for v in xs], m)
print(g([1, 2]))

class P:
    def m(self, xs):
        return [best := v for v in xs if v > 1], best

print(P().m([1, 2, 3]))

def reads_later():
    return late

[late := 99 for _ in "a"]
print(reads_later())

def shadow_builtin():
    [len := 3 for _ in range(2)]
    return len

print(shadow_builtin(), len("ab"))

def floats():
    [s := 0.5 * k for k in range(3)]
    return s + 1

print(floats())
d = {}
print((d2 := d), d2 is d)
print([(yy := [i]) for i in range(2)], yy)

sys.stdout.flush()
# Uncaught, through a comprehension frame: the traceback names <listcomp>.
print([(r := 10 // x) for x in [5, 2, 0]])
