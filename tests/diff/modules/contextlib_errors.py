# contextlib: the errors of its classes and functions (bad calls as CPython's Python functions
# report them, issubclass's TypeError in suppress, closing of an object without close, a
# context manager used twice, StopIteration handling of @contextmanager).
from contextlib import closing, contextmanager, nullcontext, suppress


def attempt(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


attempt("suppress exit", lambda: suppress(1).__exit__(int, 1, None))
attempt("suppress exit None", lambda: suppress(ValueError).__exit__(None, None, None))
attempt("suppress missing", lambda: suppress(ValueError).__exit__(None))
attempt("nullcontext args", lambda: nullcontext(1, 2))
attempt("nullcontext kw", lambda: nullcontext(enter_result=4).enter_result)
attempt("closing none", lambda: closing())
attempt("contextmanager none", lambda: contextmanager())
attempt("closing exit", lambda: closing(3).__exit__())


def closing_int():
    with closing(3):
        print("body runs")


attempt("closing int", closing_int)


def suppress_bad():
    with suppress("not a class"):
        raise ValueError("v")


attempt("suppress bad", suppress_bad)


@contextmanager
def gen(n):
    yield n


attempt("bad arguments", lambda: gen())
cm = gen(1)
with cm as v:
    print("first", v)


def reuse():
    with cm:
        pass


attempt("reuse", reuse)


@contextmanager
def not_a_generator():
    return 5


def use_not_a_generator():
    with not_a_generator():
        pass


attempt("not a generator", use_not_a_generator)


@contextmanager
def stop_inside():
    yield


def raise_stop():
    with stop_inside():
        raise StopIteration("from body")


attempt("stop from body", raise_stop)


@contextmanager
def swallow():
    try:
        yield
    except Exception as e:
        print("swallowed", type(e).__name__)


def suppressed_stop():
    with swallow():
        raise StopIteration("x")
    return "after"


attempt("suppressed stop", suppressed_stop)


@contextmanager
def reraise_runtime():
    try:
        yield
    except RuntimeError:
        raise


def runtime_through():
    with reraise_runtime():
        raise RuntimeError("same")


attempt("runtime through", runtime_through)


@contextmanager
def wraps_runtime():
    try:
        yield
    except RuntimeError as e:
        raise RuntimeError("wrapped") from e


def runtime_wrapped():
    with wraps_runtime():
        raise RuntimeError("orig")


attempt("runtime wrapped", runtime_wrapped)


class Manual:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return None


@contextmanager
def exit_type_only():
    yield


g = exit_type_only()
g.__enter__()
attempt("exit with type only", lambda: g.__exit__(KeyError, None, None))
