# Functions whose int parameters are tested more than once get a fast copy for small ints
# (decisions/0017); big-int arguments take the generic copy. Both must give CPython's results.
def f(n, k):
    if n < k:
        return n * k
    return f(n - 1, k) + f(n - 2, k) - k


print(f(10, 3))
print(f(2**70, 2**70 - 3))
print(f(2**62 + 4, 2**62))
print(f(2**62 - 1, 2**62 - 4))
print(f(-(2**62) - 1, -(2**62) + 2))


def g(n):
    # Crosses from small to big ints inside the recursion: the fast copy's overflow paths.
    if n > 2**62 + 3:
        return n
    return g(n + 1) - 1


print(g(2**62 - 10))
print(g(2**62 - 2))


def mixed(a, b):
    # One parameter big, the other small: the copy runs when any tested one is big.
    if a + b > 0 and a - b < 10**30:
        return a * b
    return -a - b


print(mixed(3, 4), mixed(10**40, 2), mixed(2, 10**40), mixed(-(10**40), 5))


def h(n):
    if n < 0:
        raise ValueError(n)
    if n > 100:
        return h(n - 2**65) + 1
    return h(n - 1) * 2


print("tracebacks through both copies:")
h(2**65 + 1)
