# CPython's exact TypeErrors for bad calls of function objects, caught.
def f(a, b, c=3, *, d, e=5):
    return (a, b, c, d, e)

g = f
print(g(1, 2, d=4))
for call in [lambda: g(), lambda: g(1), lambda: g(1, 2), lambda: g(1, 2, 3, 4, d=1),
             lambda: g(1, 2, d=1, z=2), lambda: g(1, 2, a=1, d=4), lambda: g(1, 2, 3, 4, 5, d=1, e=2)]:
    try:
        call()
    except TypeError as e:
        print(e)
def p(x, /, y):
    return x + y
q = p
try:
    q(x=1, y=2)
except TypeError as e:
    print(e)
print(q(1, y=2))
