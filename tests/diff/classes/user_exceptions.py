# User exception classes: raised, caught by class and base, with attributes, str/repr, args.
class AppError(Exception):
    pass


class ConfigError(AppError):
    def __init__(self, key, reason="missing"):
        super().__init__(f"config key {key!r}: {reason}")
        self.key = key
        self.reason = reason


class RetryError(AppError, ValueError):
    pass


def load(key):
    if key == "a":
        raise ConfigError(key)
    if key == "b":
        raise RetryError("try again", 3)
    if key == "c":
        raise AppError
    return key


for k in ["a", "b", "c", "d"]:
    try:
        print("loaded", load(k))
    except ConfigError as e:
        print("config:", e, e.key, e.reason, e.args, repr(e))
    except ValueError as e:
        print("value:", e, e.args, type(e).__name__, isinstance(e, AppError))
    except AppError as e:
        print("app:", repr(e), str(e) == "", e.args)

errors = (ConfigError, RetryError)
try:
    load("b")
except errors as e:
    print("tuple:", type(e).__name__)
try:
    try:
        load("a")
    except AppError as e:
        raise RuntimeError("wrapped") from e
except RuntimeError as e:
    print(e, "caused by", repr(e.__cause__))
print(issubclass(RetryError, ValueError), issubclass(ConfigError, Exception), ConfigError.__mro__[1].__name__)
try:
    try:
        raise KeyError("k")
    except 42:
        pass
except TypeError as e:
    print("TypeError:", e)
load("a")
