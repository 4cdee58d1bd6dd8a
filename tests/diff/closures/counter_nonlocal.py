# `nonlocal` rebinding a cell shared by several closures.
def counter(start):
    count = start
    def inc(by=1):
        nonlocal count
        count += by
        return count
    def get():
        return count
    return inc, get

inc, get = counter(10)
inc()
inc(5)
print(get(), inc(), get())
inc2, get2 = counter(0)
print(get2(), get())
