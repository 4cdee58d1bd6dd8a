# the message of an assert can be any value, evaluated only when the assertion fails
def f(v):
    assert v != 0, v * 10
    return 1 / v
print(f(4))
print(f(0))
