# Reading a closure variable before the enclosing function assigned it: NameError.
def outer():
    def inner():
        return v
    try:
        inner()
    except NameError as e:
        print("caught:", e)
    v = 1
    print(inner())
    def uses_before():
        print(w)
    uses_before()
    w = 2

outer()
