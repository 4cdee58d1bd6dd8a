# Leibniz series for pi with 100000 float iterations, plus a Basel-sum cross-check
def leibniz(n):
    total = 0.0
    sign = 1.0
    for k in range(n):
        total += sign / (2 * k + 1)
        sign = -sign
    return 4 * total

def basel(n):
    s = 0.0
    for k in range(1, n + 1):
        s += 1.0 / (k * k)
    return s

print(leibniz(10))
print(leibniz(1000))
print(leibniz(100000))
b = basel(100000)
print(b, (6 * b) ** 0.5)
