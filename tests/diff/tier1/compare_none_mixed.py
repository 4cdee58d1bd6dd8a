# ordering None against a number through the generic path raises TypeError
def f(c):
    if c:
        return None
    return 1.0

print(f(False) < 2)
print(f(True) < 2)
