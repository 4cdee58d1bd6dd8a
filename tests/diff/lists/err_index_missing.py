# index missing: CPython's exact error.
a = ['x']
print(a.index('y'))
