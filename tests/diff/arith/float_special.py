# inf and nan arithmetic, printing and comparisons; -0.0 behaviour
inf = 1e308 * 10
nan = inf - inf
print(inf, -inf, nan, -nan)
print(inf + 1, inf * -2, inf / 1e308, 1 / inf, -1 / inf)
print(inf - inf, inf * 0, nan + 1, nan * 0)
print(nan == nan, nan != nan, nan < 1.0, nan > 1.0, nan <= nan)
print(inf == inf, inf > 1e308, -inf < -1e308, inf == -inf)
print(inf ** 0, nan ** 0, 1.0 ** nan, inf ** -1, 2.0 ** -inf)
z = -0.0
print(z, z == 0.0, -z, z * 1, z + 0.0, z - 0.0, 0.0 * -1)
print(abs(z), abs(-inf), abs(nan))
