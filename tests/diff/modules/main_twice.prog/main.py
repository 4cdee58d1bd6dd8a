# A module importing the program's main file by its name gets a second module made from the
# same file (CPython runs it again, as `main`, not `__main__`); the main guard tells them apart.
import sys
print("running as", __name__)
counter = [0]


def bump():
    counter[0] += 1
    return counter[0]


if __name__ == "__main__":
    import helper
    print(helper.main_module_name, helper.other_bump(), bump(), counter)
    sys.exit(3)
