def p(b, e):
    return b ** e

print(p(2, 3))
