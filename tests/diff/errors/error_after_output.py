# lots of stdout is flushed before the uncaught exception
for i in range(3000):
    print(i, i * i, i / 8)
a = 1.0
b = a - 1.0
print(a / b)
