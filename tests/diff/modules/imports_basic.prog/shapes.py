print("shapes runs", __name__)
UNIT = "cm"
calls = 0


def area(side):
    global calls
    calls += 1
    return side * side


class Shape:
    def describe(self):
        return f"{type(self).__name__} with area {self.area()}"


class Square(Shape):
    def __init__(self, side):
        self.side = side

    def area(self):
        return area(self.side)

    def __repr__(self):
        return f"Square({self.side})"


if __name__ == "__main__":
    print("never: shapes is imported")
print("shapes done")
