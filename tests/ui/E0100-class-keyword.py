class Base:
    pass


class A(Base, metaclass=type):
    pass
