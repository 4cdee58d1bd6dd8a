c = 0
def f():
    global c
    c: int
    return 1
print(f())
