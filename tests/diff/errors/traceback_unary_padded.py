# markers under a unary operator on an indented line with extra spaces
def f():
    return    -None

f()
