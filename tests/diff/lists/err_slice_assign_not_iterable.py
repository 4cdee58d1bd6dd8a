# slice assign not iterable: CPython's exact error.
a = [1, 2]
a[0:1] = 5
