"""A program laid out the usual way: imports, annotated functions, a main guard."""
from __future__ import annotations

import time
from typing import Dict, List, Optional


def word_lengths(words: List[str]) -> Dict[str, int]:
    return {w: len(w) for w in words}


def first_long(words: List[str], limit: int = 3) -> Optional[str]:
    for w in words:
        if len(w) > limit:
            return w
    return None


def main() -> None:
    start = time.perf_counter()
    words = "the quick brown fox jumps over the lazy dog".split()
    print(word_lengths(words))
    print(first_long(words), first_long(words, 10))
    elapsed = time.perf_counter() - start
    print(elapsed >= 0, type(time.time()).__name__, type(time.time_ns()).__name__, time.monotonic() > 0)
    time.sleep(0.001)
    print(__name__)


if __name__ == "__main__":
    main()
