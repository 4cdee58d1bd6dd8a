# break and continue inside a try body, handlers inside loops
found = -1
for i in range(10):
    try:
        if i == 2:
            continue
        v = 10 // (i - 5)
        if v < 0 and i == 4:
            break
        print(i, v)
    except ZeroDivisionError:
        print("zero at", i)
        found = i
print("done", found)
