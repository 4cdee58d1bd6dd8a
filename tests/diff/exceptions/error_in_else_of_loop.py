# exceptions raised by builtins inside loops are caught per iteration
count = 0
for i in range(6):
    try:
        v = float(str(i - 3) + "x" if i % 2 else str(i))
        count += 1
    except ValueError as e:
        print("bad", e)
print(count)
