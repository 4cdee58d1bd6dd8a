# int % 0 raises ZeroDivisionError (integer modulo by zero)
a = 10
b = 0
print(a % 3)
print(a % b)
