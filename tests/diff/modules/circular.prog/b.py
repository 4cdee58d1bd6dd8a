print("b starts")
import a
seen_from_b = a.value
try:
    print(a.done)
except AttributeError as e:
    print("AttributeError:", e)
try:
    from a import done
except ImportError as e:
    print("ImportError:", str(e).replace(__file__.rpartition("/")[0], "<dir>"))
from a import value
print("b got value", value)


def call_a():
    return a.value + 1


def late():
    return a.done
print("b ends")
