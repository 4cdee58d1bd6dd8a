# The dunders of builtin objects other than the protocol slot wrappers are not attributes yet.
s = "abc"
print(s.__len__(), s.__add__("d"))
