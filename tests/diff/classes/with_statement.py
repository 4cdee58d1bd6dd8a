# `with`: __enter__/__exit__, the exception passed to __exit__, suppression by a true result,
# several managers in one statement, return/break/continue through a with, errors.
class Tag:
    log = []

    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        Tag.log.append("enter " + self.name)
        return self.name.upper()

    def __exit__(self, exc_type, exc, tb):
        what = "ok" if exc_type is None else exc_type.__name__ + ":" + str(exc)
        Tag.log.append("exit " + self.name + " " + what)
        return self.suppress


with Tag("a") as t:
    print("inside", t)
with Tag("b", suppress=True):
    raise ValueError("swallowed")
print("after b")
try:
    with Tag("c"):
        raise KeyError("k")
except KeyError as e:
    print("escaped", repr(e))
with Tag("d") as d, Tag("e") as e:
    print(d, e)


def early(n):
    for i in range(n):
        with Tag("loop" + str(i)):
            if i == 1:
                continue
            if i == 2:
                break
    with Tag("ret"):
        return "returned"


print(early(5))


class Boom:
    def __enter__(self):
        return self

    def __exit__(self, *args):
        raise RuntimeError("exit failed")


try:
    with Boom():
        raise ValueError("original")
except RuntimeError as err:
    print(err, "context:", repr(err.__context__))


class NoExit:
    def __enter__(self):
        return 1


for mgr in [NoExit(), 5]:
    try:
        with mgr:
            pass
    except TypeError as err:
        print("TypeError:", err)
for line in Tag.log:
    print(line)
with Tag("last"):
    [1, 2][5]
