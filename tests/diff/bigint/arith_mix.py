# big ints with every arithmetic operator and sign combination
def show(a, b):
    print(a + b, a - b, a * b, a // b, a % b)

def row(a):
    big = 123456789012345678901234567890
    show(a, big)
    show(a, -big)
    show(a, 3)
    show(a, -3)

big = 123456789012345678901234567890
row(big)
row(-big)
row(7)
row(-7)
print(big ** 3)
print(3 ** 200)
print((-3) ** 101)
print(big // 7, big % 7, -big // 7, -big % 7)
