# Errors across modules: an exception raised while a module's code runs propagates through
# the import (and the module is not kept: importing it again runs its code again); CPython's
# ImportError of `from m import missing` and AttributeError of `m.missing`; a module-level
# `__getattr__` (PEP 562); exception classes of another module, printed with its name.
try:
    import fragile
except ValueError as e:
    print("first import failed:", e)
try:
    import fragile
except ValueError as e:
    print("second import failed too:", e)

import errors
try:
    from errors import missing
except ImportError as e:
    print(type(e).__name__, str(e).replace(errors.__file__, "<errors.py>"))
try:
    errors.missing
except AttributeError as e:
    print(type(e).__name__, e)
print(errors.lazy_thing, errors.other)
try:
    errors.check(-1)
except errors.AppError as e:
    print("caught", type(e).__name__, e, isinstance(e, Exception), type(e).__module__)
print(errors.cleaned, hasattr(errors, "tmp"), hasattr(errors, "err"))
errors.check(-2)
