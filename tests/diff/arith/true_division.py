# / always yields a float, even for exact int quotients
print(7 / 2, -7 / 2, 7 / -2, -7 / -2)
print(6 / 3, -6 / 3, 0 / 5, 0 / -5)
print(1 / 3, 2 / 3, 10 / 4)
print(1 / 7, 22 / 7)
a = 9
b = 3
c = a / b
print(c, c + 1)
d = 10
d /= 4
print(d)
print(7.5 / 2.5, 1.0 / 3.0, -1.0 / 8)
print(10 ** 18 / 3, (2 ** 53 + 1) / 1)
print(1 / 1e308, 1e-308 / 10)
