# 0 ** -1 raises ZeroDivisionError
b = 0
e = -1
print(2 ** e)
print(b ** e)
