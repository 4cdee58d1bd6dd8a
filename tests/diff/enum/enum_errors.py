# The errors of enum classes, their members and lookups, as CPython raises them.
from enum import Enum


class Color(Enum):
    RED = 1
    GREEN = 2


def attempt(f):
    try:
        r = f()
        print("ok", r)
    except Exception as e:
        print(type(e).__name__ + ":", e)


attempt(lambda: Color(7))
attempt(lambda: Color("RED"))
attempt(lambda: Color["PURPLE"])
attempt(lambda: Color[1])
attempt(lambda: Color([1]))
attempt(lambda: Color.RED < Color.GREEN)
attempt(lambda: Color.PURPLE)
attempt(lambda: Color.RED.missing)
attempt(lambda: setattr(Color, "RED", 5))
attempt(lambda: delattr(Color, "GREEN"))
attempt(lambda: Color())
attempt(lambda: Enum(1))
attempt(lambda: Color(1, 2, 3))


def extend():
    class More(Color):
        BLUE = 3

    return More


attempt(extend)


def sunder():
    class Bad(Enum):
        _bad_ = 1

    return Bad


attempt(sunder)


def late_generate():
    from enum import auto

    class Late(Enum):
        A = auto()

        def _generate_next_value_(name, start, count, last_values):
            return 5

    return Late


attempt(late_generate)
print(list(Color))
print(Color.RED.value + 1)
