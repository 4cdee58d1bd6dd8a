# CPython's IndexError for a bytes index out of range.
b = b"abc"
print(b[2])
print(b[3])
