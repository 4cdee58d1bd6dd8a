# An error inside a class body: the class body is a frame of its own in the traceback.
def helper(n):
    return 10 // n


class Table:
    size = helper(2)
    half = helper(size - 5)
