# big // 0 raises ZeroDivisionError
big = 10 ** 30
print(big // 3)
print(big // 0)
