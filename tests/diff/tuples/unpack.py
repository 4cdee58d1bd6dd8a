# Packing and unpacking: swaps, nested targets, list targets, function results.
a, b = 1, 2
a, b = b, a + b
print(a, b)
x, y, z = (1, "two", 3.0)
print(z, y, x)
(p, q), [r, s] = (1, 2), (3, 4)
print(p, q, r, s)
def pair(n):
    return n, n * n
m, n = pair(7)
print(m, n, pair(3))
def fib(k):
    a, b = 0, 1
    for _ in range(k):
        a, b = b, a + b
    return a
print(fib(10), fib(90), fib(100))
first, second = "hi"
print(first, second)
u = v = (8, 9)
print(u, v)
c, d = u
print(c * d)
