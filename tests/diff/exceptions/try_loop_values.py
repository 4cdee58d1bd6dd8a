# a handler around a loop sees the values of the iteration that raised
last = -1
try:
    for i in range(10):
        y = 12 // (4 - i)
        last = i
except ZeroDivisionError:
    print("stopped after", last)
