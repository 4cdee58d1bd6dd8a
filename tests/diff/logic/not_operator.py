# not on ints, floats, bools, None and comparisons
print(not 0, not 1, not -3, not 0.0, not -0.0, not 0.1, not None)
print(not True, not False, not not 5, not not 0)
print(not 1 < 2, not (1 < 2) and True, not 1 == 2 or False)
inf = 1e308 * 10
nan = inf - inf
print(not nan, not inf)
x = 3
if not x > 5:
    print("x not > 5")
