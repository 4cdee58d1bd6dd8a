# CPython's error: ord long.
print(ord('ab'))
