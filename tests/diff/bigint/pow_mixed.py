# int ** int: big results, negative exponents give floats
print(2 ** 10, 2 ** 100, (-2) ** 63, 10 ** 0, 0 ** 0, 7 ** 1)
print(2 ** -1, 10 ** -3, (-2) ** -3)
