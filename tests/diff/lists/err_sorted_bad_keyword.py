# sorted bad keyword: CPython's exact error.
print(sorted([2, 1], keys=None))
