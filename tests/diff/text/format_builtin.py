# format() with one and two arguments, and ascii().
print(format(5), format(5, "03"), format(2.5, ".3f"), format("s", ">4"), format(True), format(None))
print(format(1234567, ","), format(-0.0, ""), format(255, "#x"), format(10**20, "e"))
print(ascii("plain"), ascii("é"), ascii("€"), ascii("😀"), ascii(("é", 1)), ascii(1.5))
print(repr(format(3, "")), repr(format("", "")), repr(ascii("")))
