# OSError and its 15 subclasses: members, str(), the errno map, the aliases, subclasses.
for args in [(), ("msg",), (2, "No such file or directory"), (2, "No such file", "x.txt"),
             (13, "Permission denied", "a", None, "b"), (17, "exists", None), (99, "other"),
             (1, "e", "f", "g"), (2,), ("x", "y", "z", "w", "v", "u"), (True, "perm")]:
    e = OSError(*args)
    print(type(e).__name__, repr(e), "|", str(e), "|", e.args, e.errno, e.strerror, e.filename, e.filename2)

print(IOError is OSError, EnvironmentError is OSError, IOError.__name__)
for cls in [BlockingIOError, ChildProcessError, ConnectionError, BrokenPipeError, ConnectionAbortedError,
            ConnectionRefusedError, ConnectionResetError, FileExistsError, FileNotFoundError,
            InterruptedError, IsADirectoryError, NotADirectoryError, PermissionError,
            ProcessLookupError, TimeoutError]:
    print(cls.__name__, [c.__name__ for c in cls.__mro__], issubclass(cls, OSError))
    e = cls(5, "five", "file")
    print(" ", type(e).__name__, str(e), e.args)

b = BlockingIOError(11, "again", 7)
print(b.characters_written, b.args, b.filename, str(b))
b.characters_written = 3
print(b.characters_written)
del b.characters_written
try:
    b.characters_written
except AttributeError as a:
    print("AttributeError:", a)
try:
    OSError(1, 2).characters_written
except AttributeError as a:
    print("AttributeError:", a)

e = FileNotFoundError(2, "gone", "f.txt")
e.errno = 99
e.filename = "g.txt"
print(e, e.errno)
del e.strerror
print(e, e.strerror)

try:
    raise FileNotFoundError(2, "No such file or directory", "missing.cfg")
except OSError as err:
    print("caught", type(err).__name__, err.errno, err)

try:
    raise OSError(2, "No such file or directory", "data.bin")
except FileNotFoundError as err:
    print("mapped", type(err).__name__, err)


class ConfigError(OSError):
    pass


c = ConfigError(2, "cfg", "c.ini")
print(type(c).__name__, c, c.errno, c.filename, c.args)


class Custom(OSError):
    def __init__(self, path):
        super().__init__(2, "custom missing", path)
        self.path = path


x = Custom("p.txt")
print(type(x).__name__, x, x.errno, x.args, x.path)

try:
    raise IOError("io")
except EnvironmentError as e:
    print(type(e).__name__, e, e.errno)
try:
    raise ConnectionResetError(104, "reset by peer")
except (BrokenPipeError, ConnectionError) as e:
    print(type(e).__name__, e)


class NoSuper(OSError):
    def __init__(self, a, b):
        self.a = a


n = NoSuper(2, "x")
print(type(n).__name__, n.args, n.errno, repr(n))
e = OSError(2, "a")
e.args = (1, 2, 3)
print(e, e.args, e.errno)
print(OSError(2, "s", 3.5), OSError(2, "s", 0))
try:
    BlockingIOError(1, "x", 2.5)
except TypeError as t:
    print("TypeError:", t)
cycle = OSError(1, "c")
cycle.filename = cycle
print(type(cycle.filename).__name__)

raise PermissionError(13, "Permission denied", "/root/secret")
