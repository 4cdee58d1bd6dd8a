# min/max return the first argument on ties and follow CPython's nan/-0.0 ordering
inf = 1e308 * 10
nan = inf - inf
print(max(0.0, -0.0), max(-0.0, 0.0), min(0.0, -0.0), min(-0.0, 0.0))
print(max(nan, 1.0), max(1.0, nan), min(nan, 1.0), min(1.0, nan))
