# inplace type error: CPython's exact error.
x = 1
x += 'a'
