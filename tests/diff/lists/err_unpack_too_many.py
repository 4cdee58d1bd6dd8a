# unpack too many: CPython's exact error.
a, b = [1, 2, 3]
