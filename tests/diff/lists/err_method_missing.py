# method missing: CPython's exact error.
a = [1]
a.apend(2)
