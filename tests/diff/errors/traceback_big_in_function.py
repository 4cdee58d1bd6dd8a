# an error inside a nested call inside an expression
def half(v):
    return v / (v - v)

def total(a, b):
    return a + half(b) * 2

print(total(1, 2 ** 70))
