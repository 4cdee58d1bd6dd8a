def f():
    return 1

raise f()
