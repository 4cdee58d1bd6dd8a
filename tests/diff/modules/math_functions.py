# The math module: values, ints from floor/ceil, errors as CPython raises them.
import math
from math import sqrt, pi as PI, floor

print(math.pi, PI, math.e, math.tau, math.inf, -math.inf, math.nan)
print(sqrt(2.0), sqrt(16), math.sqrt(10**20))
print(floor(2.5), floor(-2.5), math.ceil(2.1), math.ceil(-2.1), math.trunc(-3.7), type(floor(1.5)).__name__)
print(math.floor(10**30 + 0.5), math.ceil(1e20), math.floor(7))
print(math.sin(1.0), math.cos(1.0), math.tan(0.5), math.atan2(1.0, -1.0), math.hypot(3, 4), math.hypot(1, 2, 3))
print(math.exp(1.5), math.log(10), math.log(8, 2), math.log10(1000), math.log2(1024), math.log1p(1e-10), math.expm1(1e-10))
print(math.log(10**400), math.log10(10**400), math.log2(2**1000))
print(math.pow(2, 0.5), math.pow(2.0, 10), math.fabs(-3), math.fmod(7.5, 2), math.copysign(3, -0.0))
print(math.gcd(12, 18), math.gcd(0, 0), math.gcd(2**100, 6**50), math.lcm(4, 6, 10), math.gcd())
print(math.factorial(20), math.factorial(30), math.comb(10, 3), math.perm(10, 3), math.perm(5))
print(math.isqrt(99), math.isqrt(10**40), math.prod([1, 2, 3, 4]), math.prod([0.5, 4], start=2), math.prod([]))
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1e100, 1.0, -1e100, 1e-100]))
print(math.isclose(1.0, 1.0 + 1e-10), math.isclose(1.0, 1.1), math.isclose(0.0, 1e-10, abs_tol=1e-9))
print(math.isfinite(1.0), math.isinf(math.inf), math.isnan(math.nan), math.isnan(1.0))
print(math.degrees(math.pi), math.radians(180), math.frexp(12.5), math.ldexp(0.78125, 4), math.modf(-3.25))
print(math.gamma(5), math.gamma(0.5), math.lgamma(10), math.erf(0.5), math.erfc(0.5))
print(math.asin(0.5), math.acos(0.5), math.atan(1), math.sinh(1), math.cosh(1), math.tanh(1), math.asinh(1), math.acosh(2), math.atanh(0.5))
print(math.dist((0, 0), (3, 4)), math.remainder(10, 3), math.nextafter(1.0, 2.0), math.ulp(1.0), math.cbrt(27), math.exp2(10))

for bad in [lambda: math.sqrt(-1), lambda: math.log(0), lambda: math.log(-5), lambda: math.exp(1000),
            lambda: math.factorial(-1), lambda: math.factorial(2.5), lambda: math.sqrt("x"),
            lambda: math.floor(math.inf), lambda: math.floor(math.nan), lambda: math.isqrt(-4),
            lambda: math.comb(-1, 2), lambda: math.sqrt(), lambda: math.sqrt(1, 2), lambda: math.log(2, 1),
            lambda: math.pow(0, -1), lambda: math.acos(2), lambda: math.fmod(1, 0), lambda: math.sqrt(10**400),
            lambda: math.gcd(1.5), lambda: math.isclose(1, 2, rel_tol=-1), lambda: math.dist((1,), (1, 2))]:
    try:
        print(bad())
    except (ValueError, OverflowError, TypeError, ZeroDivisionError) as e:
        print(type(e).__name__, e)

print(math.sqrt(-4))
