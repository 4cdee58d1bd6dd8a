# Packages: `import a.b` binds `a`, `import a.b as c` the submodule, `from a import b` of a
# submodule, `from a.b import x`, relative imports (`.`, `..`, `.m`), a package's attributes
# set as its submodules finish, `__name__` of each.
import geo.shapes.circle
print(geo.__name__, geo.shapes.__name__, geo.shapes.circle.__name__)
print(geo.shapes.circle.area(1.0))
import geo.shapes.square as sq
print(sq.__name__, sq.area(3), sq.perimeter(3))
from geo import shapes
print(shapes is geo.shapes, shapes.NAME)
from geo.shapes import circle, square
print(circle.describe(), square is sq)
from geo import version, origin
print(version, origin)
from util import helpers
print(helpers.double(21), helpers.package_name())
import util
print(util.helpers is helpers, util.ready)
print(geo.registry)
from geo.shapes.circle import PI as pi
print(pi)
