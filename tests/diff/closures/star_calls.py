# `*args` in calls of values and of builtins called through their objects.
def f(a, b, c=0):
    return a + b + c

g = f
xs = [1, 2]
print(g(*xs), g(*xs, 3), g(0, *[5]), g(*(1, 1), c=5))
print(*xs)
print(*xs, sep="-")
print(*"abc", 1, *[2, 3])
print(max(*[4, 9, 2]), min(*"zyx"))
try:
    g(*[1, 2, 3, 4])
except TypeError as e:
    print(e)
print("x", file=None)
