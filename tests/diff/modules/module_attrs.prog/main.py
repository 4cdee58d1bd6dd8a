# Reading the variables of the program's modules at one site: several modules through the
# same expression, a variable rebound or deleted from outside between reads, a module
# function rebound by the module itself, and the AttributeError once it is gone.
import first
import second


def show(m):
    return m.value, m.name


for m in (first, second, first, second):
    print(show(m))
first.value = "rebound"
print(show(first), first.read())
del first.value
try:
    show(first)
except AttributeError as e:
    print("AttributeError:", e)
first.value = 1
print(show(first), first.read())
for k in range(3):
    print(second.step(), second.count)
second.swap()
print(second.step(), second.helper(2))
