# calls whose results are discarded still run their side effects, in order
def show(n):
    print("show", n)
    return n * 2

show(1)
show(show(2))
x = show(3) + show(4)
print(x)
