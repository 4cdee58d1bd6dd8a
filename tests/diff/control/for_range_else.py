# for-in-range with else, break and continue
for i in range(5):
    if i == 2:
        continue
    print("i", i)
else:
    print("for else ran")
for i in range(10):
    if i * i > 20:
        print("break at", i)
        break
else:
    print("not printed")
for i in range(0):
    print("never")
else:
    print("else on empty range")
found = -1
for d in range(2, 50):
    if 91 % d == 0:
        found = d
        break
print("smallest divisor of 91:", found)
s = 0
for i in range(1, 101):
    if i % 2:
        continue
    s += i
print("even sum", s)
