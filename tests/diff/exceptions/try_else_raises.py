# an exception in the else clause is not caught by the try's own handlers
try:
    v = 1
except ValueError:
    print("no")
else:
    print("else runs")
    raise KeyError("from else")
