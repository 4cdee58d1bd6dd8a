# match on typed values (decided at compile time), in generators, try/finally, Tier 0 ints.
def fib(n):
    match n:
        case 0 | 1:
            return n
        case _:
            return fib(n - 1) + fib(n - 2)


def classify(p):
    match p:
        case (x, y) if x > 0 and y > 0:
            return 1
        case (x, y):
            return x + y
    return -1


class V:
    def __init__(self, x, y):
        self.x = x
        self.y = y


def norm1(v):
    match v:
        case V(x=x, y=y):
            return abs(x) + abs(y)
    return 0


print(fib(20), classify((1, 2)), classify((-1, 2)), classify(3), norm1(V(3, -4)), norm1(5))
total = 0
for i in range(1000):
    match i % 4, i % 3:
        case (0, 0):
            total += 10
        case (0, _) | (_, 0):
            total += 1
        case _:
            pass
print(total)

def f(n: int):
    match n:
        case True:
            return "true"
        case False:
            return "false"
        case None:
            return "none"
        case _:
            return "int"


def g(x: float):
    match x:
        case 1.5:
            return "a"
        case [_]:
            return "seq"
        case float():
            return "float"


def gen(items):
    for it in items:
        match it:
            case (k, v):
                yield f"{k}={v}"
            case str() as s:
                yield s


def guarded(x):
    try:
        match x:
            case {"a": [1, *rest]} if rest:
                return rest
            case {"a": _}:
                raise KeyError("a")
    except KeyError as e:
        return f"caught {e}"
    finally:
        print("finally")


print(f(1), f(0), f(7), g(1.5), g(2.5), list(gen([(1, 2), "s", 3])))
print(guarded({"a": [1, 2, 3]}), guarded({"a": [2]}), guarded(3))
match 5:
    case _:
        print("wild")
