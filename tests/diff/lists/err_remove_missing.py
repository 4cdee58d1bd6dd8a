# remove missing: CPython's exact error.
a = [1, 2]
a.remove(3)
