# str() and repr() of every kind of value so far
def show(v):
    print(str(v), repr(v), len(str(v)))

show(42)
show(-7)
show(2 ** 100)
show(0.1)
show(1e16)
show(-0.0)
show(True)
show(None)
show("héllo")
show("it's")
show('say "hi"')
show("tab\there\n")
print("x = " + str(3) + ", y = " + str(2.5))
print(repr("a") + repr(1))
