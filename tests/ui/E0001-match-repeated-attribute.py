# CPython 3.11: a keyword attribute may appear once in a class pattern.
class P:
    pass


def f(x):
    match x:
        case P(a=1, a=2):
            return 1
