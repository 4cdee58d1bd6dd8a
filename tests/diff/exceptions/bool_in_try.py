# bool(x) inside a try body (found by the random programs: its two ops were emitted into one block across a raise edge).
x = 1
try:
    print(bool(x))
except ValueError:
    print("caught")
