# int / 0 raises ZeroDivisionError (division by zero)
def ratio(a, b):
    return a / b

print(ratio(1, 4))
print(ratio(1, 0))
