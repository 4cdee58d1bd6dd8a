# int // 0 raises ZeroDivisionError (integer division or modulo by zero)
def div(a, b):
    return a // b

print(div(7, 2))
print(div(7, 0))
print("unreachable")
