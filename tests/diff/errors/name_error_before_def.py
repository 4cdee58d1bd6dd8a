# calling a function at module level before its def has run raises NameError
print("start")
print(g(1))

def g(x):
    return x + 1
