# Unicode errors made by the program: their members, str() and subclasses.
try:
    E = UnicodeEncodeError
    raise E("ascii", "héllo", 1, 2, "ordinal not in range(128)")
except UnicodeError as e:
    print(e, e.args, e.start, e.end, e.object, e.reason, e.encoding)
    e.start = 0
    print(e)
class MyErr(UnicodeDecodeError):
    pass
try:
    raise MyErr("utf-8", b"\xff\xfe", 0, 2, "bad")
except ValueError as e:
    print(type(e).__name__, e)
try:
    D = UnicodeDecodeError
    D("x")
except TypeError as e:
    print(e)
raise UnicodeError("plain")
