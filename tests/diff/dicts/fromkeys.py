# dict.fromkeys: keys in the iterable's order, one shared value, CPython's argument errors.
words = ["b", "a", "b", "c", "a"]
print(dict.fromkeys(words), list(dict.fromkeys(words)))
d = dict.fromkeys(range(3), [])
d[0].append(1)
print(d, d[1] is d[2])
print(dict.fromkeys("hello", 0), dict.fromkeys({3: 1, 1: 2}), dict.fromkeys(()))
f = dict.fromkeys
print(f([1, 2], "x"))
for args in [(), (1,), ([1], 2, 3), ([[1]],)]:
    try:
        print(dict.fromkeys(*args))
    except TypeError as e:
        print("TypeError:", e)
try:
    dict.fromkeys([1], value=2)
except TypeError as e:
    print("TypeError:", e)
