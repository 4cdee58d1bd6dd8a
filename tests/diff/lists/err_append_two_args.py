# append two args: CPython's exact error.
a = []
a.append(1, 2)
