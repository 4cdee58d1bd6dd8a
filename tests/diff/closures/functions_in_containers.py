# Functions as dict keys and set members (hash and equality by identity), sorted by name.
def a():
    return "a"

def b():
    return "b"

registry = {a: 1, b: 2}
print(registry[a], registry[b], len({a, b, a}))
handlers = {"x": lambda v: v + 1, "y": lambda v: v * 2}
for key in sorted(handlers):
    print(key, handlers[key](10))
fs = sorted([b, a], key=lambda f: f.__name__)
print([f() for f in fs])
print(a == b, a != b, hash(a) == hash(a))
