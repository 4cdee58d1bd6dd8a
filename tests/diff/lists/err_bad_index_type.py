# bad index type: CPython's exact error.
a = [1]
print(a['0'])
