# float % 0.0 raises ZeroDivisionError (float modulo)
def m(a, b):
    return a % b

print(m(7.5, 2.0))
print(m(7.5, 0.0))
