"""Japanese corporate number (法人番号): 13 digits, the first a check digit over the other twelve.

Check digit = 9 − (Σ Pn·Qn mod 9), n = 1..12 counted from the last digit, Qn = 1 for odd n, 2 for even n
(法人番号の指定等に関する省令 第2条).
"""

import re
import unicodedata

# Separators people type between the digits: hyphens, dashes and minus signs of every width (NFKC leaves most of
# them as they are), the katakana prolonged sound mark an IME gives for "-", and spaces.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212\u30fc\uff0d\uff70]")


def normalise(value: str) -> str:
    """Full-width digits become ASCII and separators go: 「７０１０－００１０－８８９６０」→ 7010001088960."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", value))


def check_digit(base12: str) -> int:
    total = sum(int(d) * (1 if n % 2 else 2) for n, d in enumerate(reversed(base12), start=1))
    return 9 - total % 9


def validate(value: str) -> str | None:
    """None when valid, else a sentence saying what is wrong."""
    if len(value) != 13 or not value.isascii() or not value.isdigit():
        return "a corporate number has exactly 13 digits"
    expected = check_digit(value[1:])
    if int(value[0]) != expected:
        return f"the check digit (first digit) should be {expected} for the other twelve digits; check for a typo"
    return None
