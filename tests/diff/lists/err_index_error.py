# index error: CPython's exact error.
a = [1, 2]
print(a[2])
