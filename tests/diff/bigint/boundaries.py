# small-int / big-int boundaries (63-bit small ints, 64-bit machine words)
a = 2 ** 62
print(a, a - 1, -a, -a - 1)
print(2 ** 63, -(2 ** 63), 2 ** 63 - 1, 2 ** 64)
b = 4611686018427387903
print(b + 1, b + b, b * 2, -b - 2)
c = -4611686018427387904
print(c - 1, c * -1, -c, abs(c), c // -1, c % -1)
print(9223372036854775807 + 1, -9223372036854775808 - 1)
print(a * a, a * a * a)
print((a * a) // a == a, (a * a) - (a * a))
