# __name__ and __qualname__ of nested functions and lambdas (CPython's compiler_set_qualname).
def outer():
    def inner():
        def innermost():
            pass
        return innermost
    return inner, inner(), (lambda: 0)

a, b, c = outer()
print(a.__name__, a.__qualname__)
print(b.__name__, b.__qualname__)
print(c.__name__, c.__qualname__)
lam = lambda: 0
print(lam.__name__, lam.__qualname__)
fs = [lambda: 0 for _ in range(1)]
print(fs[0].__qualname__)
