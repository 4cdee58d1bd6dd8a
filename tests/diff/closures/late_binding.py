# Closures see the variable, not its value at definition time (CPython's late binding).
def make():
    fs = []
    for i in range(3):
        def f():
            return i
        fs.append(f)
    return fs

print([f() for f in make()])

def make_defaults():
    fs = []
    for i in range(3):
        fs.append(lambda i=i: i * 10)
    return fs

print([f() for f in make_defaults()])
lams = [lambda: k for k in range(4)]
print([g() for g in lams])
