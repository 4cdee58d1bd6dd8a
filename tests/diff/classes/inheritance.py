# Inheritance: overriding, super() in both forms, the C3 MRO, isinstance/issubclass.
class Animal:
    kind = "animal"

    def __init__(self, name):
        self.name = name

    def speak(self):
        return f"{self.name} makes a sound"

    def describe(self):
        return f"{self.kind}: {self.speak()}"


class Dog(Animal):
    kind = "dog"

    def __init__(self, name, breed):
        super().__init__(name)
        self.breed = breed

    def speak(self):
        return f"{self.name} barks"


class Puppy(Dog):
    def speak(self):
        return super().speak() + " softly"

    def describe(self):
        return "puppy " + super(Puppy, self).describe()


a, d, p = Animal("generic"), Dog("rex", "lab"), Puppy("bit", "pug")
for x in (a, d, p):
    print(x.describe(), x.name, type(x).__name__)
print(p.breed, isinstance(p, Dog), isinstance(p, Animal), isinstance(d, Puppy))
print(issubclass(Puppy, Animal), issubclass(Animal, Puppy), issubclass(Dog, (int, Animal)), issubclass(Dog, object))
print([c.__name__ for c in Puppy.__mro__])
print(Puppy.__bases__[0].__name__, Puppy.__base__ is Dog)


class A:
    def who(self):
        return "A"

    def chain(self):
        return ["A"]


class B(A):
    def who(self):
        return "B>" + super().who()

    def chain(self):
        return ["B"] + super().chain()


class C(A):
    def who(self):
        return "C>" + super().who()

    def chain(self):
        return ["C"] + super().chain()


class D(B, C):
    def chain(self):
        return ["D"] + super().chain()


print(D().who(), D().chain(), [k.__name__ for k in D.__mro__])
print(D.mro() == list(D.__mro__))


class E(C, B):
    pass


print([k.__name__ for k in E.__mro__], E().who())

try:
    class F(D, E):
        pass
except TypeError as err:
    print("TypeError:", err)
try:
    class G(A, A):
        pass
except TypeError as err:
    print("TypeError:", err)
try:
    class H(A, B):
        pass
except TypeError as err:
    print("TypeError:", err)


class Base:
    def __init__(self):
        self.log = ["Base"]

    def hook(self):
        return "base hook"

    def run(self):
        return self.hook()


class Derived(Base):
    def __init__(self):
        super().__init__()
        self.log.append("Derived")

    def hook(self):
        return "derived hook"


obj = Derived()
print(obj.log, obj.run(), Base.run(obj))
try:
    issubclass(obj, Base)
except TypeError as err:
    print("TypeError:", err)
