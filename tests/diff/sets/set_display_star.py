# Set displays with `*` items: CPython's build order, and its errors.
a = [3, 1, 2]
s = {*a, 5, *range(2), *{9: 1}, *"ab"}
print(sorted(s, key=str), len(s))
print({*()} if False else set(), {*[1, 1, 2]}, {0, *{7, 8}})
t = {*(x * x for x in range(4))}
print(sorted(t))
try:
    print({1, *5})
except TypeError as e:
    print("TypeError:", e)
try:
    print({*[[1]]})
except TypeError as e:
    print("TypeError:", e)
