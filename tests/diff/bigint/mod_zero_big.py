# big % 0 raises ZeroDivisionError
big = -(10 ** 25)
print(big % 0)
