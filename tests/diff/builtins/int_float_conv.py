# int() truncates toward zero; float() converts ints/bools
print(int(2.7), int(-2.7), int(2.999), int(-0.5), int(0.5), int(-0.0))
print(int(True), int(False), int(5), int(-5))
print(int(1e18), int(-1e18), int(9.2e18), int(1e15 + 0.5))
print(int(7 / 2), int(-7 / 2), int(2 ** 0.5 * 1000))
print(float(3), float(-7), float(0), float(True), float(False), float(2.5))
print(float(2 ** 53 + 1), float(2 ** 62 - 1 + 2 ** 62), float(10 ** 17 + 1))
print(int(float(123456789)), float(int(3.9)))
x = 3.75
n = int(x)
print(n, n + 1, x - n)
