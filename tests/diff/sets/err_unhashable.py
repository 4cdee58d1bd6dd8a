# CPython's error: unhashable.
print({[1], 2})
