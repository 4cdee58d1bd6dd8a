# float-returning functions: Newton sqrt, power by loop, harmonic numbers
def sqrt_newton(x):
    g = x / 2
    for i in range(30):
        g = (g + x / g) / 2
    return g

def fpow(b, n):
    r = 1.0
    for i in range(n):
        r *= b
    return r

def harmonic(n):
    h = 0.0
    for k in range(1, n + 1):
        h += 1 / k
    return h

print(sqrt_newton(2.0), sqrt_newton(81.0), sqrt_newton(1e10))
print(fpow(1.1, 10), fpow(0.5, 20), fpow(2.0, 0))
print(harmonic(1), harmonic(10), harmonic(1000))
