# parameters are locals: rebinding them does not affect callers; globals readable
SCALE = 10
OFFSET = 0.5

def bump(x):
    x += 100
    return x

def scaled(x):
    return x * SCALE + OFFSET

def shadow(n):
    SCALE = 3
    return n * SCALE

def many(a, b, c, d, e, f):
    return a - b + c * d - e // f

v = 5
print(bump(v), v)
print(scaled(2), shadow(2), SCALE)
print(many(1, 2, 3, 4, 10, 3))
