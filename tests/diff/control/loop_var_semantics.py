# range args evaluated once; assigning the loop variable doesn't change iteration
n = 5
for i in range(n):
    n = n - 1
    print(i, n)
print("n after", n)
last = -1
for i in range(3):
    i = i * 10
    last = i
print("last", last)
k = -1
for k in range(4, 100, 7):
    pass
print("k after loop", k)
m = -1
for m in range(3):
    if m == 1:
        break
print("m after break", m)
