# AttributeError tracebacks end with CPython's "Did you mean" suggestion (Python/suggestions.c),
# computed from dir() of the object; str(e) never has it, and a user's own AttributeError has none.
def f(x):
    return x.reel


try:
    f(5)
except AttributeError as e:
    print("caught:", e)
    print(repr(e))

for value in (True, 2.5, "text", (1, 2), None, ValueError("v")):
    try:
        value.reel
    except AttributeError as e:
        print(type(value).__name__, "->", e)

try:
    (1.5).is_integr
except AttributeError:
    try:
        raise AttributeError("reel")
    except AttributeError:
        try:
            "abc".UPPER
        except AttributeError:
            try:
                ValueError("x").arg
            except AttributeError as e:
                raise e
