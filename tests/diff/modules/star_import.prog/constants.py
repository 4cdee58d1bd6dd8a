from math import pi as math_pi
WIDTH = 80
HEIGHT = 24
_hidden = "secret"


def area():
    return WIDTH * HEIGHT


class Colour:
    RED = "red"


if WIDTH > 10:
    wide = True
for i in range(2):
    last = i
