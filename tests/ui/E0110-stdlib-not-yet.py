import math
import os

print(math.pi, os.getcwd())
