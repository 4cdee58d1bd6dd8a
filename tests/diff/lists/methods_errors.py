# List method errors, caught: CPython's messages.
a = [1, 2, 3, 2]
tries = 0
for args in [(5,), (2, 2), (2, 0, 1), (3, -1)]:
    try:
        if len(args) == 1:
            print(a.index(args[0]))
        elif len(args) == 2:
            print(a.index(args[0], args[1]))
        else:
            print(a.index(args[0], args[1], args[2]))
    except ValueError as e:
        print("ValueError:", e)
try:
    a.remove(9)
except ValueError as e:
    print(e)
try:
    [].pop()
except IndexError as e:
    print(e)
try:
    a.pop(10)
except IndexError as e:
    print(e)
try:
    a.insert(1)
except TypeError as e:
    print(e)
try:
    a.sort(key=None, reverse=True, extra=1)
except TypeError as e:
    print(e)
try:
    a[10] = 1
except IndexError as e:
    print(e)
try:
    a["x"]
except TypeError as e:
    print(e)
print(a)
