import { TRIMMED_CODE_POINTS } from '../../lib/contracts';

/**
 * Keys and e-mails as people and spreadsheets write them: padding of every kind, byte-order marks, case that depends on
 * the script or the locale, composed and decomposed accents, compatibility characters. Shared by the tests that hold
 * the forwarder and the Glue SQL to one normalization, label first.
 */
const hex = (codePoint: number) => `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;

export const TRICKY_TEXTS: ReadonlyArray<readonly [label: string, value: string]> = [
  ['plain', 'jane.doe@example.com'],
  ['mixed case', 'Jane.Doe@Example.COM'],
  ['space padded', '  jane.doe@example.com  '],
  ['tab padded', '\tjane.doe@example.com\t'],
  ['CRLF ended', 'jane.doe@example.com\r\n'],
  ['leading byte-order mark', '\uFEFFjane.doe@example.com'],
  ['no-break spaces around', '\u00A0jane.doe@example.com\u00A0'],
  ['ideographic and em spaces around', '\u3000jane.doe@example.com\u2003'],
  ['next line (U+0085), which JavaScript trim keeps', '\u0085jane.doe@example.com\u0085'],
  ['line and paragraph separators around', '\u2028jane.doe@example.com\u2029'],
  ['a space inside', 'jane doe@example.com'],
  ['zero-width space, not white space', '\u200Bjane.doe@example.com'],
  ['Mongolian vowel separator, no longer white space', 'jane.doe@example.com\u180E'],
  ['Turkish dotted capital I', 'İLKNUR@ÖRNEK.COM.TR'],
  ['Turkish dotless small i', 'ılgın@örnek.com.tr'],
  ['ASCII capital I among non-ASCII', 'IŞIK@örnek.com.tr'],
  ['Greek capitals ending in sigma', 'ΟΔΥΣΣΕΑΣ@παράδειγμα.ελ'],
  ['Greek final sigma written small', 'οδυσσεας@example.gr'],
  ['precomposed accent', 'José@example.com'],
  ['decomposed accent', 'Jose\u0301@example.com'],
  ['decomposed capital with accent', 'JOSE\u0301@EXAMPLE.COM'],
  ['capital sharp s', 'STRAẞE@example.de'],
  ['titlecase digraph', 'ǅemal@example.ba'],
  ['ligature, which NFC keeps', 'ﬁle@example.com'],
  ['fullwidth letters', 'ＪＡＮＥ@example.com'],
  ['Kelvin and Angstrom signs', 'K\u212A\u212B@example.com'],
  ['ohm sign, which NFC turns into omega', '\u2126mega@example.com'],
  ['Cherokee capitals', 'ᎠᎡᎢ@example.com'],
  ['Georgian Mtavruli capitals', 'ᲐᲑᲒ@example.ge'],
  ['emoji', 'smile😀@example.com'],
  ['quote inside', "o'brien@example.ie"],
  ['empty', ''],
  ['only white space', ' \t\u00A0\uFEFF '],
  ['key padded with a tab', 'SKU-0042\t'],
  ['key with an inner no-break space, which is kept', 'CUST\u00A00042'],
  ['key decomposed', 'CAFE\u0301-01'],
  ...TRIMMED_CODE_POINTS.map((c) => [`padded with ${hex(c)} on both ends`, `${String.fromCodePoint(c)}x-${hex(c)}${String.fromCodePoint(c)}`] as const),
];
