# a negative right shift count raises ValueError, for big ints too
n = -2
print((2 ** 100) >> n)
