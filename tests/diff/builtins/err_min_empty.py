# CPython's error: min empty.
print(min([]))
