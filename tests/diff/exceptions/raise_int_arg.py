# the argument of an exception can be any value: str() of it is printed
x = 40
raise IndexError(x + 2)
