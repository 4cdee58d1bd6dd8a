# The generator protocol: send(), throw(), close(), and their errors.


def averager():
    total = 0.0
    count = 0
    average = None
    while True:
        value = yield average
        if value is None:
            break
        total += value
        count += 1
        average = total / count
    return count


avg = averager()
print(next(avg))
print(avg.send(10), avg.send(20), avg.send(60))
try:
    avg.send(None)
except StopIteration as e:
    print("returned", e.value)


def echo():
    received = []
    try:
        while True:
            try:
                x = yield len(received)
                received.append(x)
            except ValueError as e:
                print("caught", repr(e))
                received.append("error")
    finally:
        print("cleanup", received)


e = echo()
print(next(e))
print(e.send("a"))
print(e.throw(ValueError("bad")))
print(e.throw(ValueError))
print(e.send("b"))
e.close()
print("closed")
e.close()
try:
    next(e)
except StopIteration:
    print("exhausted after close")

# Closing a generator that was never started runs nothing.
def never():
    print("never printed")
    yield 1


nv = never()
nv.close()
print(list(nv))


# A just-started generator refuses a value other than None.
def one():
    x = yield 1
    print("got", x)


o = one()
try:
    o.send(5)
except TypeError as err:
    print("TypeError:", err)
print(o.send(None))
try:
    o.send("value")
except StopIteration:
    print("done")


# throw() of an exception the generator does not catch: it propagates and finishes it.
def simple():
    yield 1
    yield 2


s = simple()
next(s)
try:
    s.throw(KeyError("k"))
except KeyError as err:
    print("propagated", repr(err))
print(list(s))


# A generator that yields while closing.
def stubborn():
    try:
        yield 1
    except GeneratorExit:
        print("ignoring GeneratorExit")
    yield 2
    print("finishing")


st = stubborn()
next(st)
try:
    st.close()
except RuntimeError as err:
    print("RuntimeError:", err)
print(list(st))


# GeneratorExit caught and the generator returns: close() succeeds.
def polite():
    try:
        yield 1
    except GeneratorExit:
        print("exiting politely")


p = polite()
next(p)
p.close()
print("closed politely")


# A generator that runs itself.
def selfish():
    yield me.send(None)


me = selfish()
try:
    next(me)
except ValueError as err:
    print("ValueError:", err)


# Breaking out of a loop over a generator finalizes it when it is dropped.
def resource():
    try:
        for i in range(10):
            yield i
    finally:
        print("resource released")


for v in resource():
    if v == 2:
        break
print("after loop")


def throw_into_unstarted():
    print("never runs")
    yield 1


u = throw_into_unstarted()
try:
    u.throw(IndexError("early"))
except IndexError as err:
    print("unstarted throw:", err)
print(list(u))
