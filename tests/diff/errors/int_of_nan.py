# int(nan) raises ValueError
inf = 1e308 * 10
nan = inf - inf
print(nan)
print(int(nan))
