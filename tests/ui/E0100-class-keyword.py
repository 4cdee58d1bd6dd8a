def meta(name, bases, ns):
    return type(name, bases, ns)


class A(metaclass=meta):
    pass
