# compare mixed: CPython's exact error.
print([1] < (1,))
