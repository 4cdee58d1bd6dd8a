# defaultdict's errors: a non-callable factory, dict's argument errors, a KeyError without a
# factory (uncaught, with its traceback).
from collections import defaultdict

for args in [(1,), ("x",), (int, 1), (int, [1]), (int, {}, {})]:
    try:
        print(defaultdict(*args))
    except Exception as e:
        print(type(e).__name__, e)
try:
    hash(defaultdict(int))
except TypeError as e:
    print(e)
d = defaultdict(int)
try:
    d.nope
except AttributeError as e:
    print(e)
d.default_factory = 5
try:
    d["a"]
except TypeError as e:
    print(e)


def lookup(m, k):
    return m[k]


print(lookup(defaultdict(int), "x"))
print(lookup(defaultdict(None, {"a": 1}), "b"))
