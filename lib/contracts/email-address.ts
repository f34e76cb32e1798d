const MAX_ADDRESS_BYTES = 254;
const MAX_LOCAL_PART_BYTES = 64;
const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\p{L}\\p{M}\\p{N}-]+";
const LABEL_CHAR = '[\\p{L}\\p{M}\\p{N}]';
const LABEL = `${LABEL_CHAR}(?:[\\p{L}\\p{M}\\p{N}-]{0,61}${LABEL_CHAR})?`;
const TOP_LABEL = `[\\p{L}\\p{M}](?:[\\p{L}\\p{M}\\p{N}-]{0,61}${LABEL_CHAR})?`;
const ADDRESS = new RegExp(`^${ATOM}(?:\\.${ATOM})*@(?:${LABEL}\\.)+${TOP_LABEL}$`, 'u');
/** ADDRESS restricted to ASCII, where letters, marks and digits are `A-Za-z0-9`: most addresses, without Unicode classes. */
const ASCII_LETTER_DIGIT = '[A-Za-z0-9]';
const ASCII_LABEL = `${ASCII_LETTER_DIGIT}(?:[A-Za-z0-9-]{0,61}${ASCII_LETTER_DIGIT})?`;
const ASCII_ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const ASCII_ADDRESS = new RegExp(`^${ASCII_ATOM}(?:\\.${ASCII_ATOM})*@(?:${ASCII_LABEL}\\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}${ASCII_LETTER_DIGIT})?$`);
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Whether normalized text is a mailbox address as a shop can deliver to: `local@domain` (RFC 5321 dot-atom, with the
 * UTF-8 letters, marks and digits of RFC 6531), a local part of 1 to 64 bytes, a domain of dot-separated labels of up to
 * 63 characters that neither start nor end with a hyphen, ending in a label that starts with a letter, 254 bytes at
 * most. Quoted local parts and address literals (`user@[192.0.2.1]`) are refused: no shop issues them.
 */
export function isEmailAddress(text: string): boolean {
  // ASCII text is its own UTF-8: one byte per character.
  if (!NON_ASCII.test(text)) return ASCII_ADDRESS.test(text) && text.length <= MAX_ADDRESS_BYTES && text.lastIndexOf('@') <= MAX_LOCAL_PART_BYTES;
  if (!ADDRESS.test(text)) return false;
  const bytes = Buffer.byteLength(text);
  return bytes <= MAX_ADDRESS_BYTES && Buffer.byteLength(text.slice(0, text.lastIndexOf('@'))) <= MAX_LOCAL_PART_BYTES;
}
