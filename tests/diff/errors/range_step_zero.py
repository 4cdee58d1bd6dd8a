# range() with a zero step raises ValueError
s = 0
print("before")
for i in range(0, 10, s):
    print(i)
