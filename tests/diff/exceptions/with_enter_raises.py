# A failing __enter__ of the third manager of a `with` statement spanning two lines: CPython
# reports BEFORE_WITH at the statement's first line, without carets; the two entered managers exit.
class C:
    def __init__(self, fail):
        self.fail = fail

    def __enter__(self):
        if self.fail:
            raise IndexError("in enter")
        return self

    def __exit__(self, *a):
        print("exit", a[0])


with C(False) as a, C(False) as b, \
        C(True) as c:
    pass
