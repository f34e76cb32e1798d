import { freshlyLoaded } from './support/freshly-loaded';

type EmailAddresses = typeof import('../../lib/contracts/email-address');
/** Each test checks addresses with its own copy of the module: see freshlyLoaded. */
const isEmailAddress = (text: string) =>
  freshlyLoaded<EmailAddresses>(() => require('../../lib/contracts/email-address')).isEmailAddress(text);

test.each([
  'jane.doe@example.com', "o'brien+orders@example.ie", 'i\u0307lknur@örnek.com.tr', 'δοκιμή@παράδειγμα.ελ', 'a@b.co',
  'user_1@mail-server.example.co.uk', `${'l'.repeat(64)}@example.com`, 'jane@xn--bcher-kva.example',
])('%s is an address', (text) => {
  expect(isEmailAddress(text)).toBe(true);
});

test.each([
  ['empty', ''], ['no @', 'jane.doe'], ['two @', 'jane@doe@example.com'], ['no domain', 'jane@'], ['no local part', '@example.com'],
  ['a domain without a dot', 'jane@localhost'], ['a numeric top-level label', 'jane@example.123'], ['a space', 'jane doe@example.com'],
  ['a tab', 'jane\t@example.com'], ['a leading dot', '.jane@example.com'], ['two dots', 'jane..doe@example.com'],
  ['a label starting with a hyphen', 'jane@-example.com'], ['a label ending with a hyphen', 'jane@example-.com'],
  ['a quoted local part', '"jane doe"@example.com'],
  ['an address literal', 'jane@[192.0.2.1]'], ['a local part over 64 bytes', `${'l'.repeat(65)}@example.com`],
  ['an address over 254 bytes', `jane@${Array.from({ length: 5 }, () => 'd'.repeat(60)).join('.')}.com`],
  ['a label over 63 characters', `jane@${'d'.repeat(64)}.com`],
  ['non-ASCII, a domain without a dot', 'δοκιμή@παράδειγμα'],
  ['non-ASCII, no local part', '@παράδειγμα.ελ'],
  ['non-ASCII, two dots', 'δοκ..ιμή@παράδειγμα.ελ'],
  ['non-ASCII, a label starting with a hyphen', 'δοκιμή@-παράδειγμα.ελ'],
  ['non-ASCII, a label ending with a hyphen', 'δοκιμή@παράδειγμα-.ελ'],
  ['non-ASCII, a top-level label ending with a hyphen', 'δοκιμή@παράδειγμα.ελ-'],
  ['non-ASCII, a top-level label starting with a digit', 'δοκιμή@παράδειγμα.1ελ'],
  ['non-ASCII, a space', 'δοκι μή@παράδειγμα.ελ'],
  ['non-ASCII, a label over 63 characters', `jane@${'é'.repeat(64)}.com`],
])('%s is not an address', (_, text) => {
  expect(isEmailAddress(text)).toBe(false);
});

// RFC 5321 counts octets: 64 for the local part, 254 for a whole forward path's address. An é is two of them in UTF-8.
test.each([
  ['an ASCII address at the limit', 254, true, `${'l'.repeat(64)}@${'d'.repeat(63)}.${'d'.repeat(63)}.${'d'.repeat(57)}.com`],
  ['an ASCII address one byte over', 255, false, `${'l'.repeat(64)}@${'d'.repeat(63)}.${'d'.repeat(63)}.${'d'.repeat(58)}.com`],
  ['a UTF-8 address at the limit', 254, true, `${'é'.repeat(32)}@${'é'.repeat(63)}.${'é'.repeat(29)}.com`],
  ['a UTF-8 address one byte over', 255, false, `${'é'.repeat(32)}@${'é'.repeat(63)}.${'é'.repeat(29)}.comm`],
  ['a UTF-8 local part at the limit, 64 bytes', 75, true, `${'é'.repeat(32)}@örnek.com`],
  ['a UTF-8 local part one byte over', 76, false, `${'é'.repeat(32)}a@örnek.com`],
])('%s (%i bytes in all) is an address: %p', (_, bytes, address, text) => {
  expect(Buffer.byteLength(text)).toBe(bytes);
  expect(isEmailAddress(text)).toBe(address);
});
