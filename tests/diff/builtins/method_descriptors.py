# Methods of str and list read from the class: key functions, map, calls with the receiver first,
# and the descriptor's TypeErrors.
f = list.append
l = []
f(l, 1)
print(l, list(map(str.isdigit, ["1", "a"])), str.join(",", ["a", "b"]), list.count([1, 1, 2], 1))
print(sorted(["b", "A", "c"], key=str.lower), str.upper, list.append)
print(list(map(str.strip, [" a ", "b "])), str.upper("x"), int.bit_length if False else 0)
for bad in [lambda: str.upper(5), lambda: str.upper(), lambda: list.append([], 1, 2)]:
    try:
        bad()
    except TypeError as e:
        print(e)
