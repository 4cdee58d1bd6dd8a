# a value that is float or None: the float guard fails for None and the fallback raises
# CPython's TypeError
def k(c):
    if c:
        return 1.5
    return None

print(k(True) + 1)
print(k(False) + 1)
