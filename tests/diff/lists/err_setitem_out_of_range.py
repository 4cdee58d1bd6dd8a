# setitem out of range: CPython's exact error.
a = []
a[0] = 1
