# CPython's error: reversed int.
print(reversed(5))
