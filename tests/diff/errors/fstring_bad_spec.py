# A float formatted with an int presentation type: CPython's ValueError, raised in a function.
def show(v):
    return f"value: {v:d}"


print(show(3))
print(show(2.5))
