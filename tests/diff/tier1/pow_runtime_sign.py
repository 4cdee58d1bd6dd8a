# int ** int with an exponent whose sign is known only at run time
def p(b, e):
    return b ** e

print(p(2, 10), p(2, -2), p(3, 40), p(-2, -3))
