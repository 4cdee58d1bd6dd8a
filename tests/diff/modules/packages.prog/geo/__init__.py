print("geo package runs", __name__)
version = "1.0"
registry = []
from .point import origin
