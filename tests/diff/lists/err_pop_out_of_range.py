# pop out of range: CPython's exact error.
a = [1]
a.pop(5)
