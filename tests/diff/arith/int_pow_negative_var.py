# int ** int with a runtime negative exponent (value-dependent result type: float)
n = 3
m = -n
print(2 ** m)
print(10 ** m)
e = 0 - 2
print(4 ** e, (-4) ** e)
