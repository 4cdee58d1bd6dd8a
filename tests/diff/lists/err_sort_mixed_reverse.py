# sort mixed reverse: CPython's exact error.
a = ['b', 3]
a.sort(reverse=True)
