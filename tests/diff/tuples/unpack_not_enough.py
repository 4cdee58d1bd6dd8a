# ValueError: not enough values to unpack, from a string (known only at run time).
def f(s):
    a, b, c = s
    return c

print(f("xyz"))
print(f("xy"))
