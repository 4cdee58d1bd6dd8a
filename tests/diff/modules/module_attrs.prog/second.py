value = 20
name = "second"
count = 0


def step():
    global count
    count += 1
    return count


def _double(x):
    return 2 * x


def _triple(x):
    return 3 * x


helper = _double


def swap():
    global helper
    helper = _triple
