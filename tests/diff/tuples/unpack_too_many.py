# ValueError: too many values to unpack (a tuple whose length is known at compile time).
def f(t):
    a, b = t
    return a + b

print(f((1, 2)))
print(f((1, 2, 3)))
