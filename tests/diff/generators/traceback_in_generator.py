# An exception raised inside a generator's body: the traceback shows the consumer's line
# and then the generator's frame.


def parse(lines):
    for line in lines:
        yield int(line)


def total(lines):
    s = 0
    for v in parse(lines):
        s += v
    return s


print(total(["1", "2", "3"]))
print(total(["4", "x", "5"]))
