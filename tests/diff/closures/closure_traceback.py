# A traceback through closures and lambdas names each frame as CPython does.
def outer(n):
    def inner(k):
        check = lambda v: 10 // v
        return check(k - n)
    return inner

f = outer(3)
print(f(5))
f(3)
