# and/or return one of their operands (same-type operands)
print(0 or 5, 3 or 5, 0 or 0, 3 and 4, 0 and 4, 3 and 0)
print(0.0 or 2.5, 1.5 or 2.5, 1.5 and 0.0, 0.0 and 2.5)
print(True or False, False or False, True and False, False and True)
print(None or None, None and None)
print(1 and 2 and 3, 1 and 0 and 3, 0 or 0 or 7, 0 or 6 or 7)
print(1 or 2 and 0, (1 or 2) and 0)
x = 0
y = x or -1
z = x and -1
print(y, z)
a = 5 > 3 and 2 > 1
b = 5 < 3 or 2 < 1
print(a, b)
