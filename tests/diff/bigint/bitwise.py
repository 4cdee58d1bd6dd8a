# shifts and bitwise operators, small and big, negative operands
print(1 << 10, 1 << 62, 1 << 63, 1 << 64, 1 << 200)
print(-1 << 70, 5 << 0)
print((1 << 100) >> 99, (1 << 100) >> 200, -(1 << 100) >> 3, -5 >> 1, -1 >> 100, 7 >> 64)
x = 2 ** 70 + 12345
print(x & 0xFFFF, x | 1, x ^ x, x ^ -1, -x & 0xFF, -x | 3)
print(~0, ~5, ~-6, ~(2 ** 80), ~(-(2 ** 80)))
print(6 & 3, 6 | 3, 6 ^ 3, -6 & 3, -6 | 3, -6 ^ 3)
print(True & False, True | False, True ^ True, True & 3, 2 | True)
y = 0xFFFF_FFFF_FFFF_FFFF_FFFF
print(y, 0o777_777_777_777_777_777_777, 0b1_0000000000000000000000000000000000000000000000000000000000000000)
