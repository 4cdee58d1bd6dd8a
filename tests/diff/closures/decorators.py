# Decorators: any callable returning any value, stacked, applied innermost first, with arguments.
def trace(f):
    def wrapper(*args):
        print("call", f.__name__, args)
        return f(*args)
    return wrapper

def times(n):
    def deco(f):
        def run(x):
            return [f(x) for _ in range(n)]
        return run
    return deco

@trace
def add(a, b):
    return a + b

print(add(1, 2))

@times(2)
@trace
def neg(x):
    return -x

print(neg(5))

def name_only(f):
    return f.__name__

@name_only
def gone():
    pass

print(gone)

def outer():
    @trace
    def inner(v):
        return v * 3
    return inner(4)

print(outer())
