def f(a, **options):
    return a
