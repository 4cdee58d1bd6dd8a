# `yield` inside a comprehension is a SyntaxError in CPython 3.8+.
def f(xs):
    return [(yield x) for x in xs]
