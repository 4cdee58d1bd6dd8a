# len() of strs, including non-ASCII text
print(len(""), len("abc"), len("héllo wörld"), len("日本語"), len("a" * 1000))
