# float // and % with all sign combinations, including signed-zero results
print(7.5 // 2, 7.5 % 2)
print(-7.5 // 2, -7.5 % 2)
print(7.5 // -2, 7.5 % -2)
print(-7.5 // -2, -7.5 % -2)
print(7 // 2.0, -7 // 2.0, 7 % -2.0, -7 % 2.0)
print(7.0 // 0.1, 7.0 % 0.1)
print(1.0 % 1.0, -1.0 % 1.0, 1.0 % -1.0, -1.0 % -1.0)
print(-0.0 // 1.0, 0.0 // -1.0, -0.0 % 5.0, 0.0 % -5.0)
print(5.5 % 1e308, -5.5 % 1e308)
x = 10.0
x //= 3
print(x)
x %= 2.5
print(x)
