# 0.0 ** -1.0 raises ZeroDivisionError
b = 0.0
e = -1.0
print(b ** 2.0)
print(b ** e)
