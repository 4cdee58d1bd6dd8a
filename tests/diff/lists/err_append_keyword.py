# append keyword: CPython's exact error.
a = []
a.append(x=1)
