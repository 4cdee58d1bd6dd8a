# list not iterable: CPython's exact error.
print(list(5))
