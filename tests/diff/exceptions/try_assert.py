# AssertionError can be caught
def check(v):
    try:
        assert v > 0, "must be positive"
        return "ok"
    except AssertionError as e:
        return "bad: " + str(e)

print(check(1), check(-1))
