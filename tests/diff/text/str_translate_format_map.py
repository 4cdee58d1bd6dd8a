# str.translate, str.maketrans (one, two and three arguments; from the class and an instance)
# and str.format_map (any mapping, a defaultdict's default).
from collections import defaultdict

table = str.maketrans("abc", "xyz", "d")
print(sorted(table.items()), "abcd-abcd".translate(table))
print("hello world".translate({ord("o"): "0", ord("l"): None, 32: "_", ord("h"): 72}))
print(str.maketrans({"a": "1", 98: "2", "c": None}), "x".maketrans("a", "b"))
print("caesar".translate(str.maketrans("abcdefghijklmnopqrstuvwxyz", "defghijklmnopqrstuvwxyzabc")))
class Rot:
    def __getitem__(self, k):
        if 97 <= k <= 122:
            return (k - 97 + 13) % 26 + 97
        raise LookupError(k)
print("Hello, rot13!".translate(Rot()), "é→ü".translate({ord("é"): "e", ord("ü"): "u"}))
print("{name} is {age:>4} years ({name!r})".format_map({"name": "Ann", "age": 7}))
d = defaultdict(lambda: "?", {"x": 1})
print("{x} {y} {x.real}".format_map(d))
