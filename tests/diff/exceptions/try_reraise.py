# a bare raise in a handler re-raises the same exception: one traceback entry per frame
def inner():
    raise RuntimeError("from inner")

def outer():
    try:
        inner()
    except RuntimeError:
        print("cleaning up")
        raise

outer()
