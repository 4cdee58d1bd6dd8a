# The attribute hooks: __getattr__, __getattribute__, __setattr__, __delattr__, defined in the
# class, inherited, and assigned to a class after it was made (which every class then honours).
class Defaults:
    def __init__(self):
        self.present = 1

    def __getattr__(self, name):
        if name.startswith("opt_"):
            return name[4:].upper()
        raise AttributeError(f"no {name}")


d = Defaults()
print(d.present, d.opt_color, getattr(d, "opt_size", None), hasattr(d, "missing"))
try:
    d.missing
except AttributeError as e:
    print("AttributeError:", e)


class Logged:
    def __setattr__(self, name, value):
        print("set", name, value)
        object.__setattr__(self, name, value * 2)

    def __delattr__(self, name):
        print("del", name)
        object.__delattr__(self, name)


class Child(Logged):
    pass


c = Child()
c.x = 5
print(c.x)
del c.x
print(hasattr(c, "x"))


class Traced:
    def __init__(self):
        self.a = 1

    def __getattribute__(self, name):
        if name == "secret":
            return "hidden"
        return object.__getattribute__(self, name)


t = Traced()
print(t.a, t.secret)


class Plain:
    def __init__(self):
        self.v = 3


p = Plain()
print(p.v)
try:
    p.w
except AttributeError as e:
    print("AttributeError:", e)


def fallback(self, name):
    return "late " + name


Plain.__getattr__ = fallback
print(p.v, p.w, Plain().anything)


def loud_set(self, name, value):
    object.__setattr__(self, name, -value)


Plain.__setattr__ = loud_set
p.v = 4
print(p.v)
