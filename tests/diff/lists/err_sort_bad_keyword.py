# sort bad keyword: CPython's exact error.
a = [2, 1]
a.sort(reversed=True)
