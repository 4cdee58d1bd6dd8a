# int / int whose result exceeds the float range
print((10 ** 400) / 3)
