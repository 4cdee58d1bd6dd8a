# Private name mangling: `__name` inside a class is `_Class__name`, so a base's and a
# subclass's private attributes never collide.


class Account:
    __count = 0
    __rate = 0.5

    def __init__(self, owner, balance):
        self.__owner = owner
        self.__balance = balance
        Account.__count += 1

    def __audit(self):
        return f"{self.__owner}:{self.__balance}"

    def report(self):
        return self.__audit()

    @classmethod
    def count(cls):
        return cls.__count

    def scaled(self, factors):
        return [self.__balance * f for f in factors] + list(map(lambda f: f + self.__rate, factors))

    def helper(self, __amount, *, __flag=True):
        return __amount, __flag


class Savings(Account):
    def __init__(self, owner, balance, bonus):
        super().__init__(owner, balance)
        self.__balance = bonus

    def both(self):
        return self.__balance, self._Account__balance


a = Account("ann", 10)
s = Savings("bob", 20, 5)
print(a.report(), s.report(), s.both(), Account.count())
print(a._Account__owner, s._Savings__balance, sorted(k for k in s.__dict__))
print(a.scaled([1, 2]), a.helper(3))
print(Account._Account__rate, getattr(a, "_Account__balance"), hasattr(a, "__balance"))
try:
    print(a.__balance)
except AttributeError as e:
    print("AttributeError:", e)
try:
    Account.__count
except AttributeError as e:
    print("AttributeError:", e)


def __module_private():
    return "module"


class Caller:
    def call(self):
        return __module_private()

    def dunder(self):
        return self.__class__.__name__


try:
    Caller().call()
except NameError as e:
    print("NameError:", e)
print(Caller().dunder())

_Caller__module_private = __module_private
print(Caller().call())


class Outer:
    __tag = "outer"

    class __Inner:
        __tag = "inner"

        def tag(self):
            return self.__tag

    def make(self):
        return self.__Inner().tag(), self.__tag

    def errors(self):
        try:
            raise ValueError("boom")
        except ValueError as __e:
            return str(__e)


print(Outer().make(), Outer._Outer__Inner.__name__, Outer().errors())


class ___:
    __plain = 1


print(___.__plain)


class Counter:
    __total = 0

    def bump(self):
        def inner():
            nonlocal_value = Counter.__total + 1
            Counter.__total = nonlocal_value
            return Counter.__total

        return inner()

    def gen(self):
        return [x for x in range(3) if x != self.__skip()]

    def __skip(self):
        return 1


c = Counter()
c.bump()
print(c.bump(), c.gen(), Counter._Counter__total)
print(sorted(n for n in Counter.__dict__ if "Counter" in n))
