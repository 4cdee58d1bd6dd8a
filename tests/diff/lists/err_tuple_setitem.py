# tuple setitem: CPython's exact error.
t = (1, 2)
t[0] = 5
