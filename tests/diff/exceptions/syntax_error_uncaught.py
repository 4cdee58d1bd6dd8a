# An uncaught IndentationError (a SyntaxError subclass: no end offset) prints its location.
def check(line):
    if line.startswith(" "):
        raise IndentationError("unexpected indent", ("config.txt", 2, 5, line + "\n", 2, 9))
    return line


print(check("ok"))
check("    y = 2")
