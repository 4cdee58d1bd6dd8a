# bad setitem type: CPython's exact error.
a = [1]
a[1.0] = 2
