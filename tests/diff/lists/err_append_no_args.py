# append no args: CPython's exact error.
a = []
a.append()
