import type { AttributeValue } from 'aws-lambda';
import type { Dataset } from '../../lib/contracts/dataset';
import { DOUBLE_DECIMAL_DIGITS } from '../../lib/contracts/decimal-value';
import { normalizeText } from '../../lib/contracts/text-normalization';
import { conformTimestamp } from '../../lib/contracts/timestamp';
import {
  conformElement, conformField, type FieldCheck, fieldChecksOf, type FieldsCheck, INT_MAX, INT_MIN, STRING_FORMATS, type ValueCheck,
} from '../../lib/contracts/validate-record';
import { plainValueOf, refusedWithin, toNumber, within } from './attribute-values';

type AttributeMap = Record<string, AttributeValue>;

/** A DynamoDB image read against a dataset's contract: the record in its declared form, and what is wrong with it. */
export interface ImageReading {
  /** The dataset's columns, in contract order, as the image holds them (undefined when absent; attributes the contract does not know are only reasons). */
  readonly record: Record<string, unknown>;
  /** As `conformRecord` gives them for the record the image holds; empty when it conforms. */
  readonly reasons: string[];
}

export type ImageReader = (image: AttributeMap) => ImageReading;

/**
 * Reads a DynamoDB Streams image as a record of `dataset`: each column's value in the form the contract declares (keys
 * and e-mails normalized, timestamps in UTC, numbers by value), checked as `conformRecord` checks a plain record, with
 * the same reasons. A map or list attribute where the contract declares a struct or an array is read member by member;
 * any other attribute becomes its plain value (`plainValueOf`) first. Throws, naming the attribute, when an attribute
 * (known to the contract or not) cannot be read at all: a record with such a value is refused as a whole.
 */
export function readImage(dataset: Dataset, image: AttributeMap): ImageReading {
  return imageReaderOf(dataset)(image);
}

/**
 * The reader of `dataset`'s images, compiled once per dataset, as ajv compiles a JSON Schema: a function generated from
 * the contract that reads each column by name (`image["order_id"]`, `attribute.S`) and tests the value a valid image
 * holds inline. Why: the forwarder reads thousands of images per invocation, and a generic walk over the contract,
 * reading properties by computed names, took most of its reading time in V8's megamorphic lookups.
 *
 * The generated code only recognizes a conforming value; anything else (a missing, null or invalid value, an attribute
 * of another type) is handed to `conformField` / `conformElement` with its plain value, so the reasons are those of
 * `conformRecord` by construction.
 */
export function imageReaderOf(dataset: Dataset): ImageReader {
  let reader = readers.get(dataset);
  if (!reader) {
    const { source, constants } = generate(fieldChecksOf(dataset));
    reader = new Function('runtime', 'constants', source)(RUNTIME, constants) as ImageReader;
    readers.set(dataset, reader);
  }
  return reader;
}

/** The JavaScript source `imageReaderOf` compiles for `dataset`, to read (a test keeps ORDER's as a snapshot). */
export function imageReaderSource(dataset: Dataset): string {
  return generate(fieldChecksOf(dataset)).source;
}

const readers = new WeakMap<Dataset, ImageReader>();

/**
 * What generated code calls. The fallbacks get a `Normalizing` of their own: nothing reads whether they changed a
 * value, the reader never changes the image.
 */
const RUNTIME = {
  normalizeText,
  conformTimestamp,
  toNumber,
  plainValueOf,
  refusedWithin,
  conform: (field: FieldCheck, value: unknown, parent: string, reasons: string[]) => conformField(field, value, parent, reasons, { changed: false }),
  conformElement: (check: ValueCheck, value: unknown, path: string, index: number, reasons: string[]) =>
    conformElement(check, value, path, index, reasons, { changed: false }),
  /** The reasons of attributes the contract does not know, in front of the reasons of the fields at that level, as `conformRecord` puts them. */
  unknownFields(check: FieldsCheck, map: AttributeMap, parent: string, reasons: string[], at: number): void {
    const unknown = Object.keys(map).filter((key) => !check.known.has(key));
    // Unknown to the contract, but readable: an attribute that cannot be read refuses the record as such.
    for (const key of unknown) within(key, map[key], plainValueOf);
    reasons.splice(at, 0, ...unknown.map((key) => `${parent}${key}: unknown field`));
  },
};

function utf8ByteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** A column name becomes a string literal only (JSON.stringify); the contract's snake_case keeps it from meaning more (`__proto__`). */
const COLUMN_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * One generation: the functions written so far (one per struct and per array of the contract) and the constants they
 * use (the contract's checks, sets and normalizations), which the code names `k0`, `k1`... and never spells out.
 */
class Generation {
  readonly functions: string[] = [];
  readonly constants: unknown[] = [];

  constant(value: unknown): string {
    this.constants.push(value);
    return `k${this.constants.length - 1}`;
  }

  /** A function reading an attribute map against `check`: `(map, parent, reasons) => record`. */
  fieldsReader(check: FieldsCheck): string {
    const name = `fields${this.functions.length}`;
    // The slot is taken before the body is written: readers of nested structs and arrays are numbered after it.
    this.functions.push('');
    const index = this.functions.length - 1;
    const values = check.fields.map((_, i) => `v${i}`);
    const body = check.fields.map((field, i) => this.fieldReader(field, values[i])).join('\n');
    const record = check.fields.map((field, i) => `${quote(field.name)}: ${values[i]}`).join(', ');
    this.functions[index] = [
      `function ${name}(map, parent, reasons) {`,
      '  const at = reasons.length;',
      `  let present = 0, attribute, ${values.join(', ')};`,
      body,
      `  if (Object.keys(map).length !== present) unknownFields(${this.constant(check)}, map, parent, reasons, at);`,
      `  return { ${record} };`,
      '}',
    ].join('\n');
    return name;
  }

  /** Statements setting `value` to the declared form of one field of `map`. */
  private fieldReader(field: FieldCheck, value: string): string {
    if (!COLUMN_NAME.test(field.name)) throw new Error(`Column name ${JSON.stringify(field.name)} is not snake_case: no reader is generated for it`);
    const f = this.constant(field);
    const name = quote(field.name);
    const fallback = `conform(${f}, plainValueOf(attribute), parent, reasons)`;
    let read: string;
    switch (field.value.kind) {
      case 'struct':
        read = `const members = attribute?.M;\n${value} = typeof members === "object" && members !== null ? ` +
          `${this.fieldsReader(field.value.fields)}(members, parent + ${quote(`${field.name}.`)}, reasons) : ${fallback};`;
        break;
      case 'array':
        read = `const list = attribute?.L;\n${value} = Array.isArray(list) ? ${this.arrayReader(field.value)}(list, parent + ${name}, reasons) : ${fallback};`;
        break;
      default: {
        const fast = this.fastPath(field);
        read = fast
          ? `const member = attribute?.${fast.member};\nif (typeof member === "${fast.type}") {\n  const plain = ${fast.plain};\n` +
            `  const declared = ${fast.declared};\n  ${value} = ${fast.conforms} ? declared : conform(${f}, plain, parent, reasons);\n` +
            `} else ${value} = ${fallback};`
          : `${value} = ${fallback};`;
      }
    }
    return [
      `  // ${name}: ${field.value.kind}`,
      `  attribute = map[${name}];`,
      `  if (attribute === undefined) conform(${f}, undefined, parent, reasons);`,
      '  else {',
      '    present++;',
      '    try {',
      indent(read, 6),
      '    } catch (error) {',
      `      throw refusedWithin(${name}, error);`,
      '    }',
      '  }',
    ].join('\n');
  }

  /**
   * How a conforming value of a scalar field is read and recognized: the attribute member holding it (`S`, `N`, `BOOL`)
   * and its JavaScript type, its plain value (what `plainValueOf` gives), its declared form, and a test that is true
   * exactly when `conformField` would give no reason. Undefined for a column type without one (dates, wide decimals):
   * those take the general way.
   */
  private fastPath(field: FieldCheck): { member: string; type: string; plain: string; declared: string; conforms: string } | undefined {
    const check = field.value;
    const text = { member: 'S', type: 'string', plain: 'member', declared: 'plain' };
    const number = { member: 'N', type: 'string', plain: 'toNumber(member)', declared: 'plain' };
    let path: { member: string; type: string; plain: string; declared: string } | undefined;
    let conforms: string[] = [];
    switch (check.kind) {
      case 'string':
        path = check.normalization ? { ...text, declared: `normalizeText(plain, ${this.constant(check.normalization)})` } : text;
        conforms = ['declared.isWellFormed()'];
        if (check.format) conforms.push(`${this.constant(STRING_FORMATS[check.format][1])}(declared)`);
        // Within the warehouse's bytes: a short string (at most 3 UTF-8 bytes per UTF-16 unit) without measuring it.
        conforms.push(`(declared.length * 3 <= ${check.maxBytes} || ${this.constant(utf8ByteLength)}(declared) <= ${check.maxBytes})`);
        break;
      case 'timestamp':
        path = { ...text, declared: 'conformTimestamp(plain)' };
        conforms = ['typeof declared === "string"'];
        break;
      case 'int':
        path = number;
        conforms = [`Number.isInteger(declared) && declared >= ${this.constant(INT_MIN)} && declared <= ${this.constant(INT_MAX)}`];
        break;
      case 'bigint':
        path = number;
        conforms = ['Number.isSafeInteger(declared)'];
        break;
      case 'double':
        path = number;
        conforms = ['Number.isFinite(declared)'];
        break;
      case 'decimal': {
        // As `fitsDecimal` tests a number, for the decimals a double carries.
        if (check.type.precision > DOUBLE_DECIMAL_DIGITS) return undefined;
        const scale = this.constant(check.scaleFactor);
        path = number;
        conforms = [`Number.isFinite(declared) && Math.abs(declared) < ${this.constant(check.integerLimit)} && Math.round(declared * ${scale}) / ${scale} === declared`];
        break;
      }
      case 'boolean':
        path = { member: 'BOOL', type: 'boolean', plain: 'member', declared: 'plain' };
        conforms = ['true'];
        break;
      default:
        return undefined;
    }
    if (field.allowed) conforms.push(`${this.constant(field.allowed)}.has(declared)`);
    if (field.minimum !== undefined) conforms.push(`!(Number(declared) < ${this.constant(field.minimum)})`);
    return { ...path, conforms: conforms.join(' && ') };
  }

  /** A function reading a list attribute against an array check: `(list, path, reasons) => values`. */
  private arrayReader(check: ValueCheck & { kind: 'array' }): string {
    const name = `array${this.functions.length}`;
    this.functions.push('');
    const index = this.functions.length - 1;
    const e = this.constant(check.element);
    const fallback = `conformElement(${e}, plainValueOf(element), path, i, reasons)`;
    let read: string;
    switch (check.element.kind) {
      case 'struct':
        read = `typeof element?.M === "object" && element.M !== null ? ${this.fieldsReader(check.element.fields)}(element.M, path + "[" + i + "].", reasons) : ${fallback}`;
        break;
      case 'array':
        read = `Array.isArray(element?.L) ? ${this.arrayReader(check.element)}(element.L, path + "[" + i + "]", reasons) : ${fallback}`;
        break;
      default:
        read = fallback;
    }
    this.functions[index] = [
      `function ${name}(list, path, reasons) {`,
      '  const values = [];',
      '  for (let i = 0; i < list.length; i++) {',
      '    const element = list[i];',
      '    try {',
      `      values.push(${read});`,
      '    } catch (error) {',
      '      throw refusedWithin(i, error);',
      '    }',
      '  }',
      '  return values;',
      '}',
    ].join('\n');
    return name;
  }
}

/** The body of `new Function('runtime', 'constants', body)`, which returns the reader. */
function generate(check: FieldsCheck): { source: string; constants: unknown[] } {
  const generation = new Generation();
  const top = generation.fieldsReader(check);
  const constants = generation.constants.map((_, i) => `k${i} = constants[${i}]`).join(', ');
  const source = [
    '"use strict";',
    `const { ${Object.keys(RUNTIME).join(', ')} } = runtime;`,
    `const ${constants};`,
    ...generation.functions,
    `return function readImage(image) {\n  const reasons = [];\n  const record = ${top}(image, "", reasons);\n  return { record, reasons };\n};`,
  ].join('\n');
  return { source, constants: generation.constants };
}

function quote(text: string): string {
  return JSON.stringify(text);
}

function indent(code: string, spaces: number): string {
  return code.split('\n').map((line) => ' '.repeat(spaces) + line).join('\n');
}
