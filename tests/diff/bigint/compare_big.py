# comparisons between small and big ints, of both signs
def cmp(a):
    big = 2 ** 100
    print(a < big, a <= -big, a > 1, a >= 0, a == big, a != -big)

cmp(2 ** 100)
cmp(-(2 ** 100))
cmp(1)
cmp(-1)
cmp(0)
print(2 ** 63 > 2 ** 62, -(2 ** 63) < -(2 ** 62), 2 ** 64 == 2 ** 64)
