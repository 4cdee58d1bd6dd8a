# Reads of variables that may be unbound: CPython raises UnboundLocalError (NameError at module
# level) at run time, only on the paths where the variable was never assigned.


def last_of(xs):
    for x in xs:
        last = x
    return last


print(last_of([1, 2, 3]))
try:
    last_of([])
except UnboundLocalError as e:
    print("UnboundLocalError:", e)


def branches(k):
    if k == 1:
        r = "one"
    elif k == 2:
        r = 2.5
    return r


print(branches(1), branches(2))
try:
    branches(3)
except UnboundLocalError as e:
    print(e)


def after_except():
    try:
        raise ValueError("v")
    except ValueError as err:
        print("handling", err)
    return err


try:
    after_except()
except UnboundLocalError as e:
    print(e)


def in_try(flag):
    if flag:
        v = 1
    try:
        return v + 1
    except UnboundLocalError:
        return "caught inside"


print(in_try(True), in_try(False))


def loop_counter(n):
    i = 0
    while i < n:
        if i == 2:
            found = i
        i += 1
    return found


print(loop_counter(5))
try:
    loop_counter(1)
except UnboundLocalError as e:
    print(e)


def typed(n):
    for i in range(n):
        total = i * 2
    return total + 1


print(typed(10))


def twice(flag):
    if flag:
        w = [1]
    return w + w


print(twice(True))
try:
    twice(False)
except UnboundLocalError as e:
    print(e)


def gen(n):
    for i in range(n):
        item = i
        yield item
    yield item * 100


print(list(gen(3)))
try:
    list(gen(0))
except UnboundLocalError as e:
    print("generator:", e)

for j in range(0):
    never = j
try:
    print(never)
except NameError as e:
    print("NameError:", e)

if len(__name__) > 100:
    late = 1
print(late)
