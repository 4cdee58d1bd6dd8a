# int vs float comparisons are exact, even above 2**53
p = 2 ** 53
f = float(p)
print(p + 1 > f, p + 1 == f, p + 1 != f, p + 1 >= f, p + 1 <= f, p + 1 < f)
print(p == f, p <= f, p >= f)
print(float(p + 1) == f, float(p + 1) == p + 1)
mx = 2 ** 62 - 1 + 2 ** 62
g = 9.223372036854776e18
print(mx < g, mx == g, mx >= g, float(mx) == g)
print(-(p + 1) < -f, -(p + 1) == -f)
print(2 ** 54 + 1 > 2.0 ** 54, 2 ** 54 + 2 > 2.0 ** 54)
inf = 1e308 * 10
nan = inf - inf
print(mx < inf, -mx > -inf, 3 < nan, 3 == nan, 3 != nan, 3 >= nan)
print(1 == 1.0, 1 != 1.0, 0 == -0.0, 2 < 2.5, 3 > 2.5, -1 < -0.5)
print(1 < 1.5 < 2, 1.5 < 2 < 1.75)
