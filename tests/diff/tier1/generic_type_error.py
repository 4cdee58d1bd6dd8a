# adding a str and an int through the generic path raises CPython's TypeError
def f(c):
    if c:
        return "a"
    return 1

print(f(True) + "b")
print(f(False) + "b")
