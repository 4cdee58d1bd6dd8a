print("first")
from second import compute
