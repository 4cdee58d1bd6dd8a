# The `string` module: its constants and `capwords`, with the errors a call can raise.
import string
from string import capwords, ascii_letters as letters

print(string.ascii_lowercase, string.ascii_uppercase, letters == string.ascii_letters)
print(string.digits, string.hexdigits, string.octdigits)
print(repr(string.punctuation), repr(string.whitespace))
print(repr(string.printable), len(string.printable))
print(all(c in string.printable for c in string.punctuation + string.whitespace))
print(capwords("hello   wORLD  foo"), capwords(" a-b c-d ", "-"), repr(capwords("")))
print(capwords("x y", sep=None), capwords(s="ünïcode ǆemo"), capwords("a,b,,c", ","))
print(repr(capwords("  spaced  out  ")), capwords("tab\tand\nnewline"))
f = string.capwords
print(f.__name__, f("last one"))
for bad in [lambda: capwords(1), lambda: capwords("a b", 5), lambda: capwords(), lambda: capwords("a", "b", "c"),
            lambda: capwords("x", sepp=1), lambda: capwords("a b", "")]:
    try:
        print(bad())
    except (TypeError, AttributeError, ValueError) as e:
        print(type(e).__name__, e)


class Words:
    def split(self, sep):
        print("split", type(sep).__name__)
        return ["one", 2]


class Falsy:
    def __bool__(self):
        print("bool")
        return False


try:
    capwords(Words())
except TypeError as e:
    print(e)
print(capwords("a b", Falsy()) if False else "skipped")
try:
    capwords(Words(), Falsy())
except TypeError as e:
    print(e)
