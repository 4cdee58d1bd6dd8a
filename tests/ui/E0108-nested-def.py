def f():
    def g():
        return 1
    return 1
