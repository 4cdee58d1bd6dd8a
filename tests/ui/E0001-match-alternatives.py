# CPython 3.11: the alternatives of an or-pattern must bind the same names.
def f(x):
    match x:
        case [a] | (a, b):
            return a
