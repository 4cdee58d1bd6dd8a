# Does to the main module's instances what a test or benchmark harness may do.


def relabel(obj, field, value):
    if field == "x":
        obj.x = value
    else:
        obj.y = value


def call_method(obj, name):
    return getattr(obj, name)()


def tag(obj, value):
    obj.tag = value


def patch_describe(obj):
    obj.describe = lambda: "patched " + obj.name


def subclass_of(obj):
    class Sub(type(obj)):
        def extra(self):
            return self.x + self.y
    return Sub


def run(func, *args):
    return func(*args)
