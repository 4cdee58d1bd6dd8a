# a module variable that changes type, read by a function
acc = 0
def add(v):
    return acc + v

acc = 1
print(add(1))
acc = 0.5
print(add(1))
acc = 7
print(add(acc))
