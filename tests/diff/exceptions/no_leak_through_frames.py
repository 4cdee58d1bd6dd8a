# Values a frame owns are dropped when an exception passes through it (checked by the leak report).
def f(n):
    t = (n, n + 1.5)
    s = str(n)
    x = 10 // (n - n)
    return t, s, x

caught = 0
for i in range(1000):
    try:
        f(i)
    except ZeroDivisionError:
        caught += 1
print(caught)
