# When a suspended generator is finalised: when the last variable holding it is rebound or
# deleted, when the function holding it returns, when a container holding it is dropped.


def tracked(name):
    try:
        yield name
        yield name
    finally:
        print("finalised", name)


def rebinding():
    g = tracked("a")
    print("started", next(g))
    print("before rebinding")
    g = tracked("b")
    print("rebound, started", next(g))
    print("returning")
    return "done"


print(rebinding())


def held_in_list():
    gens = [tracked("x"), tracked("y")]
    for g in gens:
        next(g)
    print("both started")
    gens = None
    print("list dropped")


held_in_list()


def two_variables():
    first = tracked("p")
    second = first
    next(first)
    first = None
    print("one reference left")
    second = None
    print("none left")


two_variables()


def loop_variable():
    for i in range(3):
        g = tracked(f"loop{i}")
        next(g)
        print("iteration", i)
    print("after the loop")


loop_variable()

module_level = tracked("module")
next(module_level)
print("module level started")
module_level = tracked("module2")
print("module level rebound")
del module_level
print("end of program")
