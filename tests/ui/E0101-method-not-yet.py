# A method CPython has and Molt does not implement yet: refused, never an AttributeError.
try:
    1 / 0
except ZeroDivisionError as e:
    raise e.with_traceback(None)
