"""The reading of a name (フリガナ) as the register keeps it: full-width katakana.

NFKC turns half-width katakana (ｶﾌﾞｼｷｶﾞｲｼｬ) and full-width Latin letters into their usual forms; hiragana is
shifted to the katakana of the same sound, as a reading typed with an IME in the wrong mode usually is.
"""

import re
import unicodedata

_HIRAGANA = re.compile(r"[\u3041-\u3096\u309d\u309e]")
# Katakana (with ・ and ー), Latin letters and digits (a reading such as ＮＴＴデータ keeps them), spaces and the
# punctuation of company names.
_READING = re.compile(r"^[\u30a1-\u30fe A-Za-z0-9&'.,()\-]+$")


def normalise(value: str) -> str:
    value = unicodedata.normalize("NFKC", value).strip()
    value = _HIRAGANA.sub(lambda m: chr(ord(m.group()) + 0x60), value)
    return re.sub(r" {2,}", " ", value)


def is_katakana_name(value: str) -> bool:
    return bool(_READING.match(value))
