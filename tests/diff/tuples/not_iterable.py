# TypeError from a for loop over an int: CPython blames the whole statement (no markers).
def f(x):
    for i in x:
        print(i)

f(4)
