# Variables passed through functions in between (free in the middle one only to pass on).
def a(x):
    def b(y):
        def c(z):
            return x + y + z
        return c
    return b

print(a(1)(2)(3), a("x")("y")("z"))

def shared():
    v = []
    def add(item):
        v.append(item)
    def show():
        return list(v)
    return add, show

add, show = shared()
add(1)
add(2)
print(show())
