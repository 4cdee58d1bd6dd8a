# CPython's error: join non str.
print('-'.join(['a', 1]))
