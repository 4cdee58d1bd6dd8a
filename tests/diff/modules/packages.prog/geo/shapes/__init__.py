print("geo.shapes runs", __name__)
NAME = "shapes"
from .. import registry
registry.append("shapes")
