# true division of big ints is correctly rounded
print(10 ** 30 / 3, (2 ** 80 + 1) / 2 ** 80, 2 ** 1000 / 2 ** 990)
print(1 / 3, -7 / 2, (10 ** 400) / (10 ** 399))
print(2 ** 53 + 1 == float(2 ** 53 + 1), float(2 ** 63), float(-(2 ** 64) + 1))
print(10 ** 20 < 1e20, 10 ** 20 == 1e20, 10 ** 20 + 1 > 1e20, 2 ** 53 + 1 > 9007199254740992.0)
