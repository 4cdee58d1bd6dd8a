# range with 1, 2 and 3 args, negative steps, empty ranges, large bounds
for i in range(4):
    print(i, end=" ")
print()
for i in range(3, 8):
    print(i, end=" ")
print()
for i in range(-3, 3):
    print(i, end=" ")
print()
for i in range(0, 20, 6):
    print(i, end=" ")
print()
for i in range(10, 0, -3):
    print(i, end=" ")
print()
for i in range(5, -6, -5):
    print(i, end=" ")
print()
for i in range(-1, -10, -2):
    print(i, end=" ")
print()
count = 0
for i in range(5, 2):
    count += 1
for i in range(2, 5, -1):
    count += 1
for i in range(-5):
    count += 1
for i in range(3, 3):
    count += 1
for i in range(0, 10, -1):
    count += 1
print("empty ranges iterated", count, "times")
for i in range(9223372036854775800, 9223372036854775807, 3):
    print(i)
for i in range(-9223372036854775807, -9223372036854775804):
    print(i)
