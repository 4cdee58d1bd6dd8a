# The suggestion of an attribute missing on a class lists the class's own dir().
def lookup(cls):
    return cls.reel


print(lookup(float))
