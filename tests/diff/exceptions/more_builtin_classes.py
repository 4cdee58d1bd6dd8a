# The builtin exception classes beyond the first ones: hierarchy, raising, catching, printing.
names = [EOFError, FloatingPointError, BufferError, ModuleNotFoundError, ReferenceError, SystemError,
         StopAsyncIteration, Warning, UserWarning, DeprecationWarning, PendingDeprecationWarning,
         SyntaxWarning, RuntimeWarning, FutureWarning, ImportWarning, UnicodeWarning, BytesWarning,
         ResourceWarning, EncodingWarning]
for cls in names:
    print(cls.__name__, [b.__name__ for b in cls.__mro__[1:]], issubclass(cls, Exception), issubclass(cls, Warning))
    try:
        raise cls("message", 2)
    except Exception as e:
        print(type(e).__name__, e, repr(e), e.args, isinstance(e, cls))
try:
    raise ModuleNotFoundError("No module named 'x'")
except ImportError as e:
    print("caught as ImportError:", e)
try:
    raise FloatingPointError()
except ArithmeticError as e:
    print("caught as ArithmeticError:", repr(e))
try:
    raise DeprecationWarning("old")
except Warning as w:
    print("warning", w)


class MyWarning(UserWarning):
    pass


try:
    raise MyWarning("mine")
except UserWarning as w:
    print(type(w).__name__, w, [c.__name__ for c in type(w).__mro__])


def read():
    raise EOFError("EOF when reading a line")


try:
    read()
except (EOFError, KeyboardInterrupt) as e:
    print("eof:", e)
raise ResourceWarning("unclosed file")
