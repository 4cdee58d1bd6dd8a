# mul float: CPython's exact error.
print([1] * 2.0)
