# CPython's error: split empty sep.
print('abc'.split(''))
