# CPython's error: remove missing.
s = {1}
s.remove(2)
