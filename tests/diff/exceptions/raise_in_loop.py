# a raise inside a loop stops the program at the right iteration
total = 0
for i in range(10):
    if i == 7:
        raise StopIteration("stopped at " + "seven")
    total += i
    print(total)
