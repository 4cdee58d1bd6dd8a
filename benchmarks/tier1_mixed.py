# Tier 1: a hot value that is sometimes an int and sometimes a float (boxed, guarded).
def step(i):
    if i % 3 == 0:
        return 0.5
    return i


total = 0
for i in range(2000000):
    total = total + step(i) * 2
print(total)
