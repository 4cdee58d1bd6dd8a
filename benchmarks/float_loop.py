# Tight float loops: Leibniz series for pi and midpoint-rule integration of a cubic
def leibniz(n):
    total = 0.0
    sign = 1.0
    for k in range(n):
        total += sign / (2.0 * k + 1.0)
        sign = -sign
    return 4.0 * total

def integrate(a, b, n):
    h = (b - a) / n
    s = 0.0
    for i in range(n):
        x = a + (i + 0.5) * h
        s += ((0.5 * x - 1.5) * x + 2.0) * x + 0.25
    return s * h

print(leibniz(3000000))
print(integrate(0.0, 3.0, 3000000))
