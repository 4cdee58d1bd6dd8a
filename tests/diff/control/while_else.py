# while loops with else: else runs on normal exit, not after break
i = 0
while i < 5:
    i += 1
else:
    print("else ran, i =", i)
j = 0
while j < 10:
    if j == 3:
        print("breaking at", j)
        break
    j += 1
else:
    print("not printed")
k = 10
while k < 5:
    print("never")
else:
    print("else on zero iterations")
n = 0
total = 0
while n < 10:
    n += 1
    if n % 3 == 0:
        continue
    total += n
else:
    print("total", total)
while True:
    n -= 4
    if n < 0:
        break
print("n", n)
