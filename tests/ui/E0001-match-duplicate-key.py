# CPython 3.11: literal keys of a mapping pattern may not repeat (1 and True are the same key).
def f(x):
    match x:
        case {1: a, True: b}:
            return a
