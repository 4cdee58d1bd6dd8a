# range() of a value whose type is known only at run time: a float raises CPython's TypeError.
def pick(flag):
    if flag:
        return 3
    return 2.5

for i in range(pick(True)):
    print(i)
for i in range(pick(False)):
    print(i)
