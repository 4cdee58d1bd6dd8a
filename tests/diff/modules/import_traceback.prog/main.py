# An exception escaping a module's code while it is imported: the traceback runs through
# every import statement on the way, each frame in its own file.
print("main")
import first
print("never")
