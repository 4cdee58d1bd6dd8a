print("counter runs")
total = 0
label = None


def bump(n=1):
    global total
    total += n


def read():
    return total


def describe():
    return f"counter {label!r} at {total}"


def make_adder(n):
    return lambda x: x + n
