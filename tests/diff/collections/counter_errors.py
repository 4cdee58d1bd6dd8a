# Counter's errors: argument counts, uncountable elements, unordered counts, other operands.
from collections import Counter

cases = [
    lambda: Counter(1, 2),
    lambda: Counter(5),
    lambda: Counter([[1]]),
    lambda: Counter().update(1, 2),
    lambda: Counter().subtract(3),
    lambda: Counter() + 1,
    lambda: Counter() - {"a": 1},
    lambda: hash(Counter()),
    lambda: Counter().most_common("x"),
    lambda: Counter().missing,
    lambda: Counter({"a": "x", "b": 1}).most_common(),
    lambda: Counter({"a": "x"}) + Counter(a=1),
    lambda: Counter().total(1),
    lambda: Counter() < {},
    lambda: Counter("ab").most_common(1.5),
    lambda: Counter("ab").most_common(9.5),
    lambda: Counter("ab").most_common(n=1),
    lambda: Counter("ab").most_common(1, n=1),
    lambda: Counter("ab").most_common(m=1),
    lambda: Counter("ab").most_common(1, 2),
    lambda: Counter("ab").copy(x=1),
]
for i, f in enumerate(cases):
    try:
        print(i, "ok", f())
    except Exception as e:
        print(i, type(e).__name__, e)
Counter("ab").elements(1)
