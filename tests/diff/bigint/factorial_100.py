# 100! by a loop and by recursion
def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)
acc = 1
for i in range(1, 101):
    acc = acc * i
print(acc)
print(fact(100) == acc, fact(30))
