# int // and % with every sign combination (floor semantics, result sign follows divisor)
print(7 // 2, 7 % 2)
print(-7 // 2, -7 % 2)
print(7 // -2, 7 % -2)
print(-7 // -2, -7 % -2)
print(6 // 3, 6 % 3, -6 // 3, -6 % 3, 6 // -3, 6 % -3, -6 // -3, -6 % -3)
print(0 // 5, 0 % 5, 0 // -5, 0 % -5)
print(1 // 10, -1 // 10, 1 % 10, -1 % 10, 1 % -10, -1 % -10)
a = -17
b = 5
print(a // b, a % b, b // a, b % a)
print((a // b) * b + a % b)
x = 100
x //= -7
print(x)
x %= 4
print(x)
y = -100
y %= 7
print(y)
