# Values defined in blocks laid out after a loop's latch (an `and` in an `if` inside `for`/`while`)
def w(b):
    acc = 1
    for k in range(3):
        if k > 0 and b > 0:
            acc = acc + 1
        acc = acc + 10
    return acc


def v(b):
    acc = 0
    i = 0
    while i < 5:
        i += 1
        if i % 2 == 0 or b < 0:
            continue
        acc = acc * 3 + i if i > 1 and b > 0 else acc + 100
    return acc


print(w(1), w(0), v(1), v(-1))
for j in range(4):
    x = j * 2 if j > 1 and j < 3 else -j
    print(j, x)
