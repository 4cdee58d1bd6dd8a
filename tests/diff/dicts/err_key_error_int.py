# CPython's error: key error int.
d = {}
del d[5]
