# float arithmetic and mixed int/float operations
a = 2.5
b = 0.5
print(a + b, a - b, a * b, a / b)
print(0.1 + 0.2, 0.3 - 0.1, 0.1 * 3, 1.1 * 1.1)
print(1 + 2.5, 3 * 0.5, 10 - 0.1, 7 / 2.0)
print(2 ** 0.5, 2.0 ** 10, 4 ** 0.5, 2.0 ** -1)
print((-2.0) ** 2, (-2.0) ** 3, 0.0 ** 0, 9.0 ** 0.5)
print(-a, +a, -(-b))
t = 0.0
for i in range(10):
    t += 0.1
print(t)
u = 1.5
u *= 4
print(u)
u -= 0.25
print(u)
u /= 3
print(u)
u **= 2
print(u)
