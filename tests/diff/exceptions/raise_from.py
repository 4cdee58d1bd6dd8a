# raise ... from ...: the cause chain, printed as CPython prints it.
def parse(s):
    try:
        return int(s)
    except ValueError as e:
        raise RuntimeError("bad input") from e

print(parse("12"))
print(parse("x1"))
