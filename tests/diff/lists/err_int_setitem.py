# int setitem: CPython's exact error.
n = 5
n[0] = 1
