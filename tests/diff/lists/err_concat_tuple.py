# concat tuple: CPython's exact error.
print([1] + (2,))
