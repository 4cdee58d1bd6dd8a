# int +, -, *, unary ops and precedence
a = 17
b = 5
print(a + b, a - b, a * b)
print(-a, +a, -(-a), - -b)
print(a + b * 2, (a + b) * 2, a - b - 3, a - (b - 3))
print(2 * 3 + 4 * 5 - 6)
c = a
c += 3
print(c)
c -= 30
print(c)
c *= -4
print(c)
print(0 - 0, 0 * -5, -0)
print(123456789 * 987654321)
print(-1000000007 * 3 + 21)
