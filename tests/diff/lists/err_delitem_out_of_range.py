# delitem out of range: CPython's exact error.
a = [1]
del a[1]
