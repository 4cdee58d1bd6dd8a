# if/elif/else chains, nested ifs, truthiness of ints/floats/None
def classify(n):
    if n < 0:
        return -1
    elif n == 0:
        return 0
    elif n < 10:
        return 1
    else:
        return 2

for v in range(-2, 13, 3):
    print(v, classify(v))
x = 0.0
if x:
    print("float truthy")
else:
    print("0.0 is falsy")
if None:
    print("None truthy")
elif -1:
    print("-1 is truthy")
if 0.5:
    if 0:
        print("no")
    elif 3 > 2:
        print("nested elif")
    else:
        print("no")
y = 7
if y % 2 == 0:
    z = y // 2
else:
    z = 3 * y + 1
print(z)
if y > 5: print("one-line if")
