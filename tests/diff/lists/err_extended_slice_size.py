# extended slice size: CPython's exact error.
a = [1, 2, 3, 4]
a[::2] = [1, 2, 3]
