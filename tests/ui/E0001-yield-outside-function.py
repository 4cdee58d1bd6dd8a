# `yield` at module level is a SyntaxError in CPython.
x = 1
yield x
