# an exception raised while handling another prints both, chained by context
def h():
    try:
        return 1 // 0
    except ZeroDivisionError:
        raise ValueError("bad input")

h()
