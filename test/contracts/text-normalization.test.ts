import { freshlyLoaded } from './support/freshly-loaded';

type TextNormalizations = typeof import('../../lib/contracts/text-normalization');
/** Each test normalizes with its own copy of the module: see freshlyLoaded. */
const normalizations = () => freshlyLoaded<TextNormalizations>(() => require('../../lib/contracts/text-normalization'));
const asKey = (value: string) => { const m = normalizations(); return m.normalizeText(value, m.KEY_NORMALIZATION); };
const asEmail = (value: string) => { const m = normalizations(); return m.normalizeText(value, m.EMAIL_NORMALIZATION); };

// Unicode 15's White_Space property (PropList.txt), written out here, and the byte-order mark.
const TRIMMED: ReadonlyArray<readonly [name: string, codePoint: number]> = [
  ['CHARACTER TABULATION', 0x09], ['LINE FEED', 0x0a], ['LINE TABULATION', 0x0b], ['FORM FEED', 0x0c],
  ['CARRIAGE RETURN', 0x0d], ['SPACE', 0x20], ['NEXT LINE', 0x85], ['NO-BREAK SPACE', 0xa0], ['OGHAM SPACE MARK', 0x1680],
  ['EN QUAD', 0x2000], ['EM QUAD', 0x2001], ['EN SPACE', 0x2002], ['EM SPACE', 0x2003], ['THREE-PER-EM SPACE', 0x2004],
  ['FOUR-PER-EM SPACE', 0x2005], ['SIX-PER-EM SPACE', 0x2006], ['FIGURE SPACE', 0x2007], ['PUNCTUATION SPACE', 0x2008],
  ['THIN SPACE', 0x2009], ['HAIR SPACE', 0x200a], ['LINE SEPARATOR', 0x2028], ['PARAGRAPH SEPARATOR', 0x2029],
  ['NARROW NO-BREAK SPACE', 0x202f], ['MEDIUM MATHEMATICAL SPACE', 0x205f], ['IDEOGRAPHIC SPACE', 0x3000],
  ['ZERO WIDTH NO-BREAK SPACE (byte-order mark)', 0xfeff],
];
const hex = (codePoint: number) => codePoint.toString(16).toUpperCase().padStart(4, '0');

test.each(TRIMMED.map(([name, codePoint]) => [name, hex(codePoint), codePoint] as const))('a key padded with %s (U+%s) on either end is the key without it', (_, _hex, codePoint) => {
  const pad = String.fromCharCode(codePoint);
  expect([`${pad}SKU-0042${pad}`, `${pad}SKU-0042`, `SKU-0042${pad}`, `${pad}${pad}Café${pad}`].map(asKey))
    .toEqual(['SKU-0042', 'SKU-0042', 'SKU-0042', 'Café']);
});

test.each([
  ['a space inside', 'CUST 0042', 'CUST 0042'],
  ['a tab inside', 'CUST\t0042', 'CUST\t0042'],
  ['a no-break space inside', 'CUST\u00a00042', 'CUST\u00a00042'],
  ['a zero-width space, which is not white space', '\u200bCUST-0042', '\u200bCUST-0042'],
  ['a Mongolian vowel separator, white space no more since Unicode 6.3', 'CUST-0042\u180e', 'CUST-0042\u180e'],
  ['a single character', 'A', 'A'],
  ['a single space', ' ', ''],
  ['only white space', ' \t\u00a0\ufeff ', ''],
  ['nothing', '', ''],
])('a key with %s keeps all but its ends: %p is %p', (_, value, key) => {
  expect(asKey(value)).toBe(key);
});

test.each([
  ['ASCII', 'Order-ABC', 'Order-ABC'],
  ['padded ASCII', '\tOrder-ABC\r\n', 'Order-ABC'],
  ['Latin', 'Café-Noir', 'Café-Noir'],
  ['Greek', 'ΟΔΟΣ', 'ΟΔΟΣ'],
])('a key keeps its case (%s): %p is %p', (_, value, key) => {
  expect(asKey(value)).toBe(key);
});

test.each([
  ['a key written with a combining accent', 'CAFE\u0301-01', 'CAF\u00c9-01'],
  ['a key of only Greek letters, with a combining diaeresis', 'ΚΑΙ\u0308ΡΟ', 'ΚΑ\u03aaΡΟ'],
  ['a padded key with a combining accent', '\u00a0CAFE\u0301-01\u3000', 'CAF\u00c9-01'],
  ['a ligature, which NFC keeps (NFKC would not)', '\ufb01le-01', '\ufb01le-01'],
  ['the ohm sign, which NFC turns into omega', '\u2126-01', '\u03a9-01'],
])('%s is composed to NFC: %p is %p', (_, value, key) => {
  expect(asKey(value)).toBe(key);
});

test.each([
  ['mixed case ASCII', 'Jane.Doe@Example.COM', 'jane.doe@example.com'],
  ['padded mixed case ASCII', ' Jane.Doe@Example.COM\t', 'jane.doe@example.com'],
  ['ASCII padded with no-break spaces', '\u00a0Jane.Doe@Example.COM\u00a0', 'jane.doe@example.com'],
  ['a Turkish dotted capital I, lower-cased without a locale', 'İLKNUR@ÖRNEK.COM.TR', 'i\u0307lknur@örnek.com.tr'],
  ['an ASCII capital I among non-ASCII, lower-cased without a locale', 'IŞIK@örnek.com.tr', 'işik@örnek.com.tr'],
  ['Greek capitals ending in sigma', 'ΟΔΥΣΣΕΑΣ@παράδειγμα.ελ', 'οδυσσεασ@παράδειγμα.ελ'],
  ['only Greek capitals, ending in sigma', 'ΟΔΟΣ', 'οδοσ'],
  ['a final sigma written small', 'οδυσσεας@example.gr', 'οδυσσεασ@example.gr'],
  ['a capital with a combining accent', 'JOSE\u0301@EXAMPLE.COM', 'jos\u00e9@example.com'],
])('an e-mail with %s is lower-cased and composed: %p is %p', (_, value, email) => {
  expect(asEmail(value)).toBe(email);
});

test('a normalization that would trim a code point outside the Basic Multilingual Plane is refused, naming the rule', () => {
  const { normalizeText } = normalizations();
  expect(() => normalizeText(' é ', { trimmed: [0x20, 0x1f600], caseFolding: 'none', form: 'NFC' }))
    .toThrow('trimmed code points must be in the Basic Multilingual Plane');
  expect(normalizeText('\uffffé\uffff', { trimmed: [0xffff], caseFolding: 'none', form: 'NFC' })).toBe('é');
});
