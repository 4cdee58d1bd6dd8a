# min/max of two numbers of the same type
print(min(3, 5), max(3, 5), min(5, 3), max(5, 3))
print(min(-1, -7), max(-1, -7), min(0, 0), max(4, 4))
print(min(2.5, 1.5), max(2.5, 1.5), min(-0.5, 0.25), max(-0.5, 0.25))
a = 10
b = 20
print(min(a, b) * max(a, b), max(min(a, b), 15))
print(min(1e308 * 10, 5.0), max(-(1e308 * 10), -5.0))
print(min(9223372036854775807, 9223372036854775806))
