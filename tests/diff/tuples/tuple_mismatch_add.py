# TypeError: can only concatenate tuple (not "int") to tuple.
def f(t, x):
    return t + x

print(f((1,), (2,)))
print(f((1,), 2))
