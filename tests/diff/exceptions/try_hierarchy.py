# a clause naming a base class catches its subclasses; clauses are tried in order
def f(i):
    try:
        if i == 0:
            raise KeyError("k")
        if i == 1:
            raise IndexError("i")
        if i == 2:
            return 1 // 0
        raise OverflowError("o")
    except LookupError as e:
        print("lookup", repr(e))
    except (ZeroDivisionError, OverflowError) as e:
        print("arith", e)
    return i

for i in range(4):
    print(f(i))
