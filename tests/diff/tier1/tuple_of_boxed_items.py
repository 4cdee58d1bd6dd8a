# Items of a returned tuple whose values are only known at run time (boxed) keep every use.
def f(c):
    x = 1 if c else "s"
    return x, 2

a, b = f(True)
print(a + 1, b)
c, d = f(False)
print(c * 2, d)
