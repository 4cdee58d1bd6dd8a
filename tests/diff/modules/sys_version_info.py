# sys.version_info and sys.float_info (struct sequences: tuples whose items are attributes), sys.hexversion.
import sys
from sys import version_info, float_info

print(sys.version_info, sys.version_info >= (3, 8), sys.version_info[:2], sys.version_info.major, version_info.releaselevel)
major, minor, *rest = sys.version_info
print(major, minor, rest, len(sys.version_info), type(sys.version_info).__name__, isinstance(sys.version_info, tuple))
print(sys.hexversion, hex(sys.hexversion), sys.version_info.n_fields, tuple(sys.version_info) == sys.version_info)
print(float_info, float_info.max, float_info.epsilon, 1.0 + float_info.epsilon > 1.0, float_info.dig, float_info[3])
if sys.version_info < (3, 10):
    print("old")
else:
    print("new enough")
try:
    sys.version_info.major = 4
except AttributeError as e:
    print("AttributeError:", e)
try:
    type(sys.version_info)()
except TypeError as e:
    print("TypeError:", e)
try:
    class X(type(sys.version_info)):
        pass
except TypeError as e:
    print("TypeError:", e)
print(hash(sys.version_info) == hash(tuple(sys.version_info)), sys.version_info == (3, 11, 7, "final", 0))
