import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { EMAIL_NORMALIZATION, normalizeText } from '../../lib/contracts/text-normalization';

/**
 * The keyed hash that replaces a customer e-mail: HMAC-SHA256 over the UTF-8 of the address normalized as the contract
 * declares (EMAIL_NORMALIZATION; curated_customers.sql computes the same), hex-encoded. Keyed (not a bare hash) so
 * nobody without the key can confirm a guessed address; stable while the key is.
 */
export function maskEmail(email: string, key: string): string {
  return createHmac('sha256', keyObjectOf(key)).update(normalizeText(email, EMAIL_NORMALIZATION)).digest('hex');
}

let keyObject: { key: string; object: KeyObject } | undefined;

/** The key as a KeyObject, kept for the one key a function uses: HMAC then skips converting it on every e-mail. */
function keyObjectOf(key: string): KeyObject {
  if (keyObject?.key !== key) keyObject = { key, object: createSecretKey(Buffer.from(key, 'utf8')) };
  return keyObject.object;
}
