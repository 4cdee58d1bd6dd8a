# repr of functions shows the qualname; the address differs per run, so only its shape is printed.
def top():
    def nested():
        pass
    return nested

r = repr(top)
print(r.startswith("<function top at 0x"), r.endswith(">"))
r = repr(top())
print(r.startswith("<function top.<locals>.nested at 0x"))
print(repr(lambda: 1).startswith("<function <lambda> at 0x"))
print(type(top))
