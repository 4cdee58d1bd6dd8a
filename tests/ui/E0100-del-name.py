a = [3, 1]
b = a
del a
print(b)
