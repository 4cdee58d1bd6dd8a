# insert one arg: CPython's exact error.
a = []
a.insert(1)
