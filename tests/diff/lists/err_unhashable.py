# unhashable: CPython's exact error.
print(hash([1]))
