print("square runs")
from geo import registry
registry.append("square")


def area(s):
    return s * s


def perimeter(s):
    return 4 * s
