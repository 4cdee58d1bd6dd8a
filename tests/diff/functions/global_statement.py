# `global`: a function rebinds module variables; reads before and after; augmented assignment;
# a global first bound inside a function.
counter = 0
log = []

def bump(n):
    global counter
    counter += n
    log.append(counter)
    return counter

def reset():
    global counter, created
    counter = 0
    created = "made in reset"

print(bump(2), bump(3), counter, log)
reset()
print(counter, created)

def read_only():
    return counter + 1

print(read_only())
for i in range(3):
    bump(i)
print(counter, log)
