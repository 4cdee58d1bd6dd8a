# the int guard fails for a float: the generic fallback gives CPython's result
def h(v):
    return v * 3 - 1

def pick(i):
    if i % 2 == 0:
        return i
    return i + 0.25

total = 0
for i in range(10):
    total = total + h(pick(i))
print(total)
