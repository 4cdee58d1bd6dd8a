# CPython 3.11: __debug__ is a constant of the compiler (forbidden_name).
__debug__ = 1
