import { createHmac } from 'node:crypto';
import { maskEmail } from '../../../lambda/orders-cdc-forwarder/email-mask';

test.each(['local-email-hash-key', 'k'.repeat(64), 'k'.repeat(65), 'clé-ключ', ''])('is HMAC-SHA256 under key %p, whatever the key last used', (key) => {
  expect(maskEmail('jane@example.com', 'another key')).toBe(createHmac('sha256', 'another key').update('jane@example.com').digest('hex'));
  expect(maskEmail('jane@example.com', key)).toBe(createHmac('sha256', key).update('jane@example.com').digest('hex'));
});

test('hashes the normalized address: one mailbox, one hash', () => {
  expect(maskEmail('\t JANE@Example.COM\u00A0', 'k')).toBe(maskEmail('jane@example.com', 'k'));
});

test.each([
  ['a long address', `${'a'.repeat(300)}@example.com`],
  ['an address in another script', 'δοκιμή@παράδειγμα.ελ'],
  ['a short address after a long one', 'j@example.com'],
])('hashes %s as createHmac does', (_, email) => {
  expect(maskEmail(email, 'k')).toBe(createHmac('sha256', 'k').update(email).digest('hex'));
});

/**
 * Known answers from outside this code base: RFC 4231's test case 2 (the one whose data is already a normalized text),
 * and digests computed once with Python's `hmac` module (`hmac.new(key.encode(), text.encode(), hashlib.sha256)`) and
 * written down here: short, longer-than-a-block and non-ASCII keys, a non-ASCII address and one longer than the pad's room.
 */
test.each([
  ['Jefe', 'what do ya want for nothing?', '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'],
  ['local-email-hash-key', 'jane@example.com', '63caf794fe7acf4a9f123ddaa16b8f72a2697c124d9487ecbe1ad809868685f7'],
  ['k'.repeat(65), 'jane@example.com', 'ef52ce03159c0821c8d6e63a8c93d1776326504d0985a7505d051df7e5be2fa4'],
  ['clé-ключ', 'δοκιμή@παράδειγμα.ελ', '8577013074ad74a008ba99441cd9406441e618ac721230c3559db6c3f569def9'],
  ['local-email-hash-key', `${'a'.repeat(300)}@example.com`, 'fa2676bbfff58e2e422017a47d6406d9d41dcecdd5976df7339f44d4cfdbcc0d'],
])('under key %p, %p hashes to the known answer', (key, text, digest) => {
  expect(maskEmail(text, key)).toBe(digest);
});
