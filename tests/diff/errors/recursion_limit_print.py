# At the recursion limit, print() counts as one more level in CPython 3.11 ("while calling a Python object")
def r(n):
    if n <= 0:
        print("bottom")
        return 0
    return r(n - 1) + 1


print(r(997))
print(r(998))
