# int ** int: non-negative exponents stay int, negative exponents give float
print(2 ** 10, 2 ** 0, 0 ** 0, 0 ** 5, 1 ** 100, (-1) ** 1000001)
print((-2) ** 3, (-2) ** 4, -2 ** 4, 2 ** 3 ** 2)
print(2 ** 62, 3 ** 39, 10 ** 18)
print(2 ** -1, 2 ** -2, 10 ** -3, (-2) ** -2, (-2) ** -3)
print(1 ** -5, (-1) ** -3)
x = 5
x **= 3
print(x)
