def double(x):
    return 2 * x


def package_name():
    return __name__.rpartition(".")[0]
