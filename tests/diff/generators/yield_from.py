# `yield from` (PEP 380): delegation, return values, send/throw/close forwarded.


def inner():
    x = yield 1
    print("inner got", x)
    y = yield 2
    print("inner got", y)
    return "inner result"


def outer():
    r = yield from inner()
    print("outer got", r)
    yield from range(3)
    yield from "ab"
    return "outer result"


print(list(outer()))
o = outer()
print(next(o), o.send("s1"), o.send("s2"))
print(list(o))


def flatten(tree):
    for node in tree:
        if isinstance(node, list):
            yield from flatten(node)
        else:
            yield node


print(list(flatten([1, [2, [3, [4]], 5], [[6]]])))


def catcher():
    while True:
        try:
            yield "ready"
        except KeyError as e:
            print("inner caught", repr(e))
            return "caught"


def delegator():
    result = yield from catcher()
    print("delegator got", result)
    yield "after"


d = delegator()
print(next(d))
print(d.throw(KeyError("k")))
try:
    d.throw(IndexError("i"))
except IndexError as e:
    print("propagated", repr(e))


def closable():
    try:
        yield 1
        yield 2
    finally:
        print("inner closed")


def wrapper():
    try:
        yield from closable()
    finally:
        print("wrapper closed")


w = wrapper()
print(next(w))
w.close()
print("done closing")


def send_to_iterator():
    yield from iter([1, 2])


s = send_to_iterator()
print(next(s))
try:
    s.send("x")
except AttributeError as e:
    print("AttributeError:", e)


def chain(*its):
    for it in its:
        yield from it


print(list(chain([1, 2], (3,), range(4, 6))))
try:
    list(chain([1], 5))
except TypeError as e:
    print("TypeError:", e)


def returns_value():
    return (yield from inner())


rv = returns_value()
next(rv)
next(rv)
try:
    rv.send("last")
except StopIteration as e:
    print("StopIteration value:", e.value)
