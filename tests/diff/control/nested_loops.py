# nested loops: break/continue affect only the innermost loop
for i in range(1, 5):
    for j in range(1, 5):
        if j > i:
            break
        print(i * j, end=" ")
    print()
pairs = 0
i = 0
while i < 6:
    j = 0
    while j < 6:
        j += 1
        if (i + j) % 2 == 1:
            continue
        pairs += 1
    i += 1
print("pairs", pairs)
for a in range(1, 20):
    for b in range(a, 20):
        for c in range(b, 30):
            if a * a + b * b == c * c:
                print(a, b, c)
