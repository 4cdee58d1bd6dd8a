# `del` of a variable shared with a nested function is not supported yet.
def outer():
    x = 1

    def inner():
        return x

    del x
    return inner
