# TypeError: 'in <string>' requires string as left operand.
def f(x, s):
    return x in s

print(f("a", "cat"))
print(f(1, "cat"))
