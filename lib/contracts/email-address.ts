const MAX_ADDRESS_BYTES = 254;
const MAX_LOCAL_PART_BYTES = 64;
const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\p{L}\\p{M}\\p{N}-]+";
const LABEL_CHAR = '[\\p{L}\\p{M}\\p{N}]';
const LABEL = `${LABEL_CHAR}(?:[\\p{L}\\p{M}\\p{N}-]{0,61}${LABEL_CHAR})?`;
const TOP_LABEL = `[\\p{L}\\p{M}](?:[\\p{L}\\p{M}\\p{N}-]{0,61}${LABEL_CHAR})?`;
const ADDRESS = new RegExp(`^${ATOM}(?:\\.${ATOM})*@(?:${LABEL}\\.)+${TOP_LABEL}$`, 'u');

/**
 * Whether normalized text is a mailbox address as a shop can deliver to: `local@domain` (RFC 5321 dot-atom, with the
 * UTF-8 letters, marks and digits of RFC 6531), a local part of 1 to 64 bytes, a domain of dot-separated labels of up to
 * 63 characters that neither start nor end with a hyphen, ending in a label that starts with a letter, 254 bytes at
 * most. Quoted local parts and address literals (`user@[192.0.2.1]`) are refused: no shop issues them.
 */
export function isEmailAddress(text: string): boolean {
  if (!ADDRESS.test(text)) return false;
  const bytes = Buffer.byteLength(text);
  return bytes <= MAX_ADDRESS_BYTES && Buffer.byteLength(text.slice(0, text.lastIndexOf('@'))) <= MAX_LOCAL_PART_BYTES;
}
