# chained comparisons combine pairwise with and
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1, 3 > 2 > 2)
print(1 <= 1 <= 1, 1 == 1 == 1, 1 == 1 != 2, 1 != 2 != 1)
print(1 < 2 > 0, 5 > 2 < 4, 1 < 2 < 3 < 4 < 5, 1 < 2 < 3 < 2 < 5)
print(0 <= 0.0 < 0.5 <= 0.5 < 1, -1 < -0.0 == 0 < 1)
x = 5
print(0 < x < 10, 0 < x < 5, 10 > x >= 5)
for v in range(-1, 4):
    if 0 <= v < 3:
        print(v, "in")
    else:
        print(v, "out")
