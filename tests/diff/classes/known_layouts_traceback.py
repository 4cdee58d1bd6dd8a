# An error inside a direct method call of a known class: the traceback has the method's frame,
# and the constructor's `__init__` frame, as CPython's.
class Shape:
    def __init__(self, w, h):
        self.w = w
        self.h = h
        self.check()

    def check(self):
        if self.w < 0:
            raise ValueError("negative width")

    def area(self):
        return self.w * self.h

    def ratio(self):
        return self.w / self.h


s = Shape(2, 0)
print(s.area())
try:
    Shape(-1, 1)
except ValueError as e:
    print("caught", e)
print(s.ratio())
