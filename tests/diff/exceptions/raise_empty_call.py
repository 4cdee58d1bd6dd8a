# raise KIND(): empty message line is just the class name
def f():
    raise RuntimeError()

f()
