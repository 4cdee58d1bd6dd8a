# finally on every way out: normal, return, break, continue, exception caught outside, return overriding, uncaught.
def f(x):
    try:
        if x == 0:
            return "zero"
        r = 10 // x
    finally:
        print("finally", x)
    return r

print(f(0))
print(f(5))
try:
    f2 = f(0)
    print(f2)
finally:
    print("module finally")
for i in range(4):
    try:
        if i == 1:
            continue
        if i == 3:
            break
        print("body", i)
    finally:
        print("fin", i)
def g():
    try:
        try:
            1 // 0
        finally:
            print("inner finally")
    except ZeroDivisionError as e:
        print("caught", e)
    finally:
        print("outer finally")
    return 1
print(g())
def h():
    try:
        return 1
    finally:
        return 2
print(h())
def k():
    try:
        raise ValueError("a")
    except ValueError:
        return "from except"
    finally:
        print("k finally")
print(k())
def m():
    try:
        1 // 0
    finally:
        print("m finally runs")
m()
