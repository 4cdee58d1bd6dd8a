a = 1000
b = 1000
print(a is b)
