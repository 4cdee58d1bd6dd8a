def f():
    c: int = 1
    def g():
        nonlocal c
        c: int = 2
    g()
    return c
print(f())
