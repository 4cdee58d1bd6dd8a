# pop empty: CPython's exact error.
a = []
a.pop()
