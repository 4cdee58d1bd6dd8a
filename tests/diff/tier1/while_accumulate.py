# an accumulator that starts as an int and becomes a float in a loop
x = 0
i = 0
while i < 10:
    if i == 5:
        x = x + 0.5
    x = x + i
    i += 1
print(x)
