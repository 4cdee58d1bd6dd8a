# int values at the edges of the 64-bit range, without overflowing
big = 2 ** 62
print(big)
mx = big - 1 + big
print(mx)
mn = -big * 2
print(mn)
print(mx // 10, mx % 10, -mx // 10, -mx % 10)
print(mn // 10, mn % 10, mn // -10, mn % -10)
print(mn + mx, mx - big, mn + big)
print(mx // mx, mn // mx, mx % 1000000007)
print(mx // 2, mn // 2, mn // 3)
print(3 ** 39, -(7 ** 22))
print(10 ** 18, -(10 ** 18))
print(mx == big - 1 + big, mn < -mx, mn + 1 == -mx)
