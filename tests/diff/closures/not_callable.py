# Calling something that is not callable.
x = 5
fs = [x]
try:
    fs[0]()
except TypeError as e:
    print(e)
s = "abc"
t = [s]
t[0](1)
