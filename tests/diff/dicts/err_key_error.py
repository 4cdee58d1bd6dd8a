# CPython's error: key error.
d = {'a': 1}
print(d['b'])
