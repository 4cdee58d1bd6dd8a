# SystemExit is a BaseException: `except Exception` does not catch it; exit code from its argument
try:
    raise SystemExit(3)
except Exception:
    print("not here")
