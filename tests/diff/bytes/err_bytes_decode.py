# CPython's UnicodeDecodeError: the whole traceback, and the exception's fields when caught.
try:
    b"ab\xffcd".decode()
except UnicodeDecodeError as e:
    print(type(e).__name__, e, e.args)
    print(isinstance(e, ValueError), isinstance(e, UnicodeError))
try:
    b"\xe2\x82".decode("utf-8")
except ValueError as e:
    print(e)
try:
    "naïve".encode("ascii")
except UnicodeEncodeError as e:
    print(e, e.args)
try:
    "€€x".encode("latin-1")
except UnicodeError as e:
    print(e)
try:
    "x".encode("no-such-codec")
except LookupError as e:
    print(e)
b"\xc3(".decode()
