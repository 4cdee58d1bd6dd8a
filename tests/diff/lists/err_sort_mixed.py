# sort mixed: CPython's exact error.
print(sorted([1, 'a', 2]))
