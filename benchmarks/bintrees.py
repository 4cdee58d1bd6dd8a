# Binary trees (the benchmarks-game program, with node objects): allocation of many small
# instances, recursion over them, and their reclamation.
class Node:
    def __init__(self, left, right):
        self.left = left
        self.right = right

    def check(self):
        if self.left is None:
            return 1
        return 1 + self.left.check() + self.right.check()


def make(depth):
    if depth == 0:
        return Node(None, None)
    return Node(make(depth - 1), make(depth - 1))


max_depth = 10
stretch = make(max_depth + 1)
print("stretch tree of depth", max_depth + 1, "check:", stretch.check())
stretch = None
long_lived = make(max_depth)
depth = 4
while depth <= max_depth:
    iterations = 2 ** (max_depth - depth + 4)
    check = 0
    for i in range(iterations):
        check += make(depth).check()
    print(iterations, "trees of depth", depth, "check:", check)
    depth += 2
print("long lived tree of depth", max_depth, "check:", long_lived.check())
