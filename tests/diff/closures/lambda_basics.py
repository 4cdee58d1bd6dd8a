# lambdas: parameters, defaults, keyword-only parameters, *args, nesting.
f = lambda x, y=2: x * y
print(f(3), f(3, 4), f(y=5, x=1))
g = lambda *args: len(args)
print(g(), g(1, 2, 3))
h = lambda a, *, b=10: a + b
print(h(1), h(1, b=2))
compose = lambda f, g: lambda x: f(g(x))
inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5))
print((lambda: "no args")())
