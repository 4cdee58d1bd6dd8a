# adding 1 to the largest 64-bit int, and 2 ** 64
mx = 2 ** 62 - 1 + 2 ** 62
print(mx)
print(mx + 1)
print(2 ** 64)
