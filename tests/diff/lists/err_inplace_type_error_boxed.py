# inplace type error boxed: CPython's exact error.
def f(v):
    x = v
    x -= 'a'
    return x
print(f(1) if False else f(2.5))
