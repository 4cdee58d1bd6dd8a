# Fibonacci numbers past 64 bits
a = 0
b = 1
for i in range(300):
    t = a + b
    a = b
    b = t
print(a)
