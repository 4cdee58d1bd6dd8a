# int + str raises CPython's TypeError message for that order
def f(c):
    if c:
        return 2
    return "s"

print(f(True) + 1)
print(f(True) + f(False))
