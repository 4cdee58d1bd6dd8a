# index error neg: CPython's exact error.
a = [1, 2]
i = -3
print(a[i])
