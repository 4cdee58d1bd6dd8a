# KeyError's str() is the repr of its argument, caught or not
try:
    raise KeyError("k")
except KeyError as e:
    print("caught", e, str(e), repr(e))
raise KeyError("missing")
