# for item error: CPython's exact error.
a = [1, 2, 0]
for x in a:
    print(10 // x)
