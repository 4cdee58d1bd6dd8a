# float // 0.0 raises ZeroDivisionError (float floor division by zero)
x = 7.5
y = -0.0
print(x // 2.0)
print(x // y)
