# a variable that is an int on one path and a float on the other (boxed, Tier 1)
def f(c):
    if c:
        x = 1
    else:
        x = 2.5
    return x + 1

print(f(True), f(False))
print(f(1) * 2, f(0) * 2)
