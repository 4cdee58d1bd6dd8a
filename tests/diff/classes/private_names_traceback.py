# A traceback through private methods names them as written (`__boom`), not mangled.
class A:
    def __gen(self):
        yield 1
        raise KeyError("g")

    def items(self):
        return list(self.__gen())


class B(A):
    def __init__(self):
        self.__v = 2

    def __m(self):
        return self.__v

    def call(self):
        return self.__m()


b = B()
setattr(b, "dyn", 1)
print(b.call(), b._B__v)
try:
    b.items()
except KeyError as e:
    print("KeyError", e)
b.items()
