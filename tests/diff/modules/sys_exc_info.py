import sys
# sys.exc_info(): the exception being handled (the traceback item is None in Molt).
print(sys.exc_info())
try:
    1 / 0
except ZeroDivisionError:
    t, v, tb = sys.exc_info()
    print(t, repr(v), t is ZeroDivisionError, v.args)


def inner():
    return sys.exc_info()[1]


try:
    raise KeyError("k")
except KeyError as e:
    print(repr(inner()), inner() is e)
    try:
        raise ValueError("nested")
    except ValueError:
        print(repr(sys.exc_info()[1]))
    print(repr(sys.exc_info()[1]))
print(sys.exc_info())
try:
    sys.exc_info(1)
except TypeError as e:
    print(e)
