# The dunders of builtin objects that are no slot wrappers (`__sizeof__`) are not attributes yet.
s = "abc"
print(s.__len__(), s.__sizeof__())
