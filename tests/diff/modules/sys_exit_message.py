# sys.exit with a message: printed to stderr, exit status 1; code after it never runs.
import sys


def main():
    print("working")
    sys.exit("fatal: giving up")


if __name__ == "__main__":
    main()
    print("not reached")
