# CPython 3.11 refuses to print ints with more than 4300 decimal digits
x = 10 ** 4299
print(x % 1000, x // 10 ** 4298)
print(1)
print(10 ** 4300)
