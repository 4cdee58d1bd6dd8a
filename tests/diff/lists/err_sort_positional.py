# sort positional: CPython's exact error.
a = [2, 1]
a.sort(True)
