# PEP 479: a StopIteration escaping a generator's body becomes RuntimeError.


def first_of_each(iterables):
    for it in iterables:
        yield next(iter(it))


print(list(first_of_each(["ab", "cd"])))
try:
    print(list(first_of_each(["ab", ""])))
except RuntimeError as e:
    print("RuntimeError:", e, type(e.__cause__).__name__)


def leaky():
    yield 1
    raise StopIteration("inner")


print(list(leaky()))
