# A missing file in a program that calls no class: FileNotFoundError caught (errno, strerror,
# filename, args), then an uncaught one (CPython's traceback and exit code).
try:
    open("no-such-file.txt")
except FileNotFoundError as e:
    print(e.errno, e.strerror, e.filename, e.args)
open("missing/dir/x.txt", "w")
