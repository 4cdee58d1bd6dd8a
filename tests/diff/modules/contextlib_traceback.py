# contextlib: an exception from a `with` body passes through a @contextmanager generator that
# does not catch it; CPython restores its traceback (exc.__traceback__ = traceback), so the
# uncaught traceback shows only the program's frames, after the generator's cleanup ran.
from contextlib import contextmanager


@contextmanager
def managed(name):
    print("setup", name)
    try:
        yield name
    finally:
        print("teardown", name)


def work():
    with managed("outer") as a, managed("inner") as b:
        print("body", a, b)
        return {}[a + b]


work()
