# str delitem: CPython's exact error.
s = 'abc'
del s[0]
