# `del` of variables: the variable must be bound (UnboundLocalError otherwise), then it lets go
# of its value (a suspended generator is finalised at once) and reads of it fail.

def f():
    x = [1, 2]
    y = x
    del x
    print(y)
    try:
        print(x)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    try:
        del x
    except UnboundLocalError as e:
        print("del again:", e)
    x = 5
    del x, y
    return "ok"


print(f())


def gen():
    try:
        yield 1
    finally:
        print("gen finalised")


g = gen()
print(next(g))
del g
print("after del")
a = 1
del a
print(a)
