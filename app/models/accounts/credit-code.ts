/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-symbol
 * alphabet (no I, O, S, V, Z); the last is a mod-31 check character over the first 17.
 */
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/;

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i]);
    if (v < 0) throw new Error("invalid character");
    sum += v * WEIGHTS[i];
  }
  const check = (31 - (sum % 31)) % 31;
  return ALPHABET[check];
}

export function isValidCreditCode(code: string): boolean {
  const c = code.trim().toUpperCase();
  if (!SHAPE.test(c)) return false;
  return creditCodeCheckChar(c.slice(0, 17)) === c[17];
}

export function normaliseCreditCode(code: string): string {
  return code.trim().toUpperCase();
}
