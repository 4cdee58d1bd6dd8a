# CPython's TypeError for bytes + str.
print(b"abc" + "def")
