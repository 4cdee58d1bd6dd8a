# abs on ints and floats (including -0.0, inf, extremes)
print(abs(5), abs(-5), abs(0), abs(-2.5), abs(2.5), abs(-0.0), abs(0.0))
inf = 1e308 * 10
print(abs(-inf), abs(inf))
print(abs(-9223372036854775807), abs(-(2 ** 62)))
x = -17
print(abs(x) + abs(x // 4), abs(x / 4))
print(abs(3 - 10), abs(1e-300 - 1e-299))
