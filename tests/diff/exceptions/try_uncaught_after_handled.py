# after an exception was handled, a later error prints no context
try:
    print(1 // 0)
except ZeroDivisionError:
    print("first handled")
print(int("x"))
