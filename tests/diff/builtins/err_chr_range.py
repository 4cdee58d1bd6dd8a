# CPython's error: chr range.
print(chr(-1))
