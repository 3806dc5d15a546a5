// 法人番号 as people type it, the way the API reads it (backend: vendors/corporate_number.py).

// Hyphens, dashes and minus signs of every width, the prolonged sound mark an IME gives for "-", and spaces.
const SEPARATORS = /[\s\-\u2010-\u2015\u2212\u30fc\uff0d\uff70]/g;

/** `1234-5678-9012-3`, full-width digits (１２３) or spaces as typed → the 13 digits. */
export function normalizeCorporateNumber(text: string): string {
  return text.normalize('NFKC').replace(SEPARATORS, '');
}

/**
 * The check digit of a 法人番号 (the first of its 13 digits): 9 − (Σ Pn·Qn mod 9), Pn the n-th digit
 * counted from the right of the other twelve, Qn 1 for odd n and 2 for even n (法人番号の指定等に関する省令).
 */
export function corporateCheckDigit(twelve: string): number {
  const total = [...twelve].reverse().reduce((sum, d, i) => sum + Number(d) * (i % 2 === 0 ? 1 : 2), 0);
  return 9 - (total % 9);
}
