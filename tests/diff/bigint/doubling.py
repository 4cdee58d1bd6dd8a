# repeated doubling passes 2**63 (CPython keeps going with big ints)
x = 1
for i in range(70):
    x *= 2
    print(i + 1, x)
