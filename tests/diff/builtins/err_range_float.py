# CPython's error: range float.
print(range(2.5))
