# CPython's error: unhashable.
d = {}
d[[1]] = 2
