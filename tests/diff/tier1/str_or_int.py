# a value that is a str or an int
def label(n):
    if n == 0:
        return "zero"
    return n

for i in range(3):
    v = label(i)
    print(v, v == 0, v == "zero")
