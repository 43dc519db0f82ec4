/**
 * Masks personal data in text that leaves the process when `security.maskPii` is on: e-mail addresses,
 * phone numbers, payment card numbers (Luhn-checked) and IBANs (mod-97-checked). Each keeps enough to stay
 * useful: the first letter and the domain of an address, the last two digits of a phone number, the last
 * four of a card, the country, check digits and last four of an IBAN.
 */

const EMAIL = /\b([A-Za-z0-9])[A-Za-z0-9._%+-]*@((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,})\b/g;
// 13 to 19 digits, in groups separated by single spaces or dashes, not part of a longer number or word.
const CARD = /(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])/g;
const IBAN = /\b([A-Z]{2}\d{2})((?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?)\b/g;
// A leading + or at least one separator; dots are left out (IP addresses, versions) and so are ISO dates.
const PHONE = /(?<![\w.+-])(?:\+\d{1,3}[ -]?)?(?:\(\d{1,4}\)[ -]?)?\d{2,4}(?:[ -]\d{2,4}){1,4}(?![\w.-])|(?<![\w.+-])\+\d{7,15}(?![\w.-])/g;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export function ibanValid(iban: string): boolean {
  const compact = iban.replace(/ /g, '');
  if (compact.length < 15 || compact.length > 34) return false;
  const rearranged = `${compact.slice(4)}${compact.slice(0, 4)}`;
  let remainder = 0;
  for (const char of rearranged) {
    const value = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** A card network's prefix (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay: 2 to 6) and a valid check digit. */
function isCardNumber(digits: string): boolean {
  return /^[2-6]/.test(digits) && luhnValid(digits);
}

/** Every digit but the last `keep` becomes *, separators stay. */
function maskDigits(text: string, keep: number): string {
  let left = text.replace(/\D/g, '').length - keep;
  return text.replace(/\d/g, (digit) => (left-- > 0 ? '*' : digit));
}

export function maskPii(text: string): string {
  return text
    .replace(EMAIL, (_, first: string, domain: string) => `${first}***@${domain}`)
    .replace(IBAN, (match: string, head: string, rest: string) => (ibanValid(match) ? `${head} **** ${rest.replace(/ /g, '').slice(-4)}` : match))
    .replace(CARD, (match) => (isCardNumber(match.replace(/\D/g, '')) ? maskDigits(match, 4) : match))
    .replace(PHONE, (match) => {
      const digits = match.replace(/\D/g, '').length;
      return digits < 7 || digits > 15 || ISO_DATE.test(match) ? match : maskDigits(match, 2);
    });
}

/** maskPii over every string inside a JSON-like value, returning a copy. */
export function maskPiiDeep<T>(value: T): T {
  if (typeof value === 'string') return maskPii(value) as T;
  if (Array.isArray(value)) return value.map((item) => maskPiiDeep(item)) as T;
  if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskPiiDeep(item)])) as T;
  }
  return value;
}
