# isinstance() with a second argument that is not a class.
def check(x, c):
    return isinstance(x, c)

print(check(1, int), check(1, (str, (float, int))))
check(1, 5)
