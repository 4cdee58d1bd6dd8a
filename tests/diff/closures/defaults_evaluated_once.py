# Defaults are evaluated when the def or lambda runs, once; a mutable default is shared.
def make(start):
    def f(x, acc=[start]):
        acc.append(x)
        return acc
    return f

f = make(0)
print(f(1), f(2))
g = make(9)
print(g(1), f(3))
n = 5
h = lambda m=n * 2: m
n = 100
print(h(), h(1))
def kw(*, a=len("abc"), b):
    return a, b
k = kw
print(k(b=1), k(a=0, b=2))
print(k.__defaults__, k.__kwdefaults__, f.__defaults__ is not None)
