# float / 0.0 raises ZeroDivisionError (float division by zero)
x = 1.5
y = 0.0
print(x / 3.0)
print(x / y)
