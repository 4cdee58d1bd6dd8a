import main
main_module_name = main.__name__


def other_bump():
    return main.bump() + main.bump()
