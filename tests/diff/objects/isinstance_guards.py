# isinstance on boxed values of several types drives the branches taken.
def describe(v):
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, tuple):
        return "tuple of " + str(len(v))
    if v is None:
        return "none"
    return type(v).__name__

for item in (True, 3, 2 ** 80, 1.5, (1, 2), None, "s"):
    print(describe(item))
