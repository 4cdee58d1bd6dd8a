# `**` of an object that is not a mapping: CPython's TypeError.
for bad in [1, [("a", 1)], "ab", None]:
    try:
        print({"k": 0, **bad})
    except TypeError as e:
        print(type(e).__name__, e)
class NoItems:
    def keys(self):
        return ["a"]
try:
    print({**NoItems()})
except TypeError as e:
    print(e)
class Boom:
    def keys(self):
        raise AttributeError("inner")
try:
    print({**Boom()})
except TypeError as e:
    print(e)
x = {"a": 1, **42}
