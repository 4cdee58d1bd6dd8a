# a value that may be None: arithmetic on None raises CPython's TypeError in the fallback
def maybe(n):
    if n > 0:
        return n
    return None

print(maybe(2) * 2)
print(maybe(0) * 2)
