class AppError(Exception):
    pass


def check(x):
    if x < 0:
        raise AppError(f"negative: {x}")
    return x


def __getattr__(name):
    if name.startswith("lazy"):
        return "made " + name
    if name == "other":
        return 42
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


tmp = [1, 2, 3]
cleaned = sum(tmp)
del tmp
try:
    int("x")
except ValueError as err:
    print("module-level handler:", err)
