# no clause matches: the exception continues with its traceback
def g():
    try:
        x = int("nope")
    except KeyError:
        print("not this")
    return 0

print("start")
g()
