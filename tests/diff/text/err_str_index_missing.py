# CPython's error: index missing.
print('abc'.index('z'))
