"""Random strings with planted copies, for the tests of the repeat finder."""

from __future__ import annotations

import random
from collections.abc import Iterator

_WIDE = "".join(map(chr, range(0x4E00, 0x4E00 + 300))) + "\U00020000"
_ALPHABETS = ("ab", "abcd", "中文\ud800", "abcdefghij", _WIDE)


def planted_repeats(seed: int, trials: int) -> Iterator[str]:
    """``trials`` random strings of up to 150 code points over tiny alphabets (a lone
    surrogate and an astral ideograph among them), each with up to three copies of one of
    its own stretches (5–60 code points) planted back into it."""
    rng = random.Random(seed)
    for trial in range(trials):
        alpha = _ALPHABETS[trial % len(_ALPHABETS)]
        s = "".join(rng.choice(alpha) for _ in range(rng.randint(0, 150)))
        for _ in range(rng.randint(0, 3)):
            a, k = rng.randrange(len(s) + 1), rng.randrange(len(s) + 1)
            s = s[:k] + s[a : a + rng.randint(5, 60)] + s[k:]
        yield s
