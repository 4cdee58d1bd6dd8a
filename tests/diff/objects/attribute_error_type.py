# AttributeError on a class.
def name_of(c):
    return c.zzzzzz

print(name_of(int) if False else "start")
name_of(int)
