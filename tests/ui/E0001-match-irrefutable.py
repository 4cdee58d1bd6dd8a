# CPython 3.11: a capture pattern before the last case makes the rest unreachable (compile.c).
def f(x):
    match x:
        case y:
            return y
        case 1:
            return 1
