# CPython's error: divmod zero.
print(divmod(1, 0))
