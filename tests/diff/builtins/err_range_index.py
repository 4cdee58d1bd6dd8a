# CPython's error: range index.
r = range(3)
print(r[3])
