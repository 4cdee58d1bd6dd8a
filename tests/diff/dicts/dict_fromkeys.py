# dict.fromkeys: from the class and from an instance; order-preserving deduplication; errors.
words = "the cat the hat a cat".split()
print(dict.fromkeys(words), list(dict.fromkeys(words)))
print(dict.fromkeys(range(3), 0), dict.fromkeys("ab", []), {}.fromkeys("xy", 1), dict.fromkeys(()))
shared = dict.fromkeys("pq", [])
shared["p"].append(1)
print(shared)
for t in [lambda: dict.fromkeys(), lambda: dict.fromkeys(1, 2, 3), lambda: dict.fromkeys([1], value=2), lambda: dict.fromkeys(5), lambda: dict.fromkeys([[1]])]:
    try:
        print(t())
    except TypeError as e:
        print(e)
dict.fromkeys([{}])
