# CPython's error: popitem empty.
print({}.popitem())
