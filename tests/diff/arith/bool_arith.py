# bools in arithmetic and comparisons behave as 0/1 (subset-edge: bool used as a number)
t = True
f = False
print(t + 1, t + t, t * 5, f * 5, t - 3, -t, t / 2, t + 0.5)
print(t == 1, f == 0, t == 1.0, t > f, t < 2)
print(min(True, False), max(True, False), abs(True), abs(False))
