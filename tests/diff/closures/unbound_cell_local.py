# A cell variable read by its own function before assignment: UnboundLocalError.
def outer():
    def inner():
        return x
    print(x)
    x = 1
    return inner

outer()
