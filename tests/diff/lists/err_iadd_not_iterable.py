# iadd not iterable: CPython's exact error.
a = [1]
a += 1
