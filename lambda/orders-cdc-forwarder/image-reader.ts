import type { AttributeValue } from 'aws-lambda';
import type { Dataset } from '../../lib/contracts/dataset';
import { CodeGeneration, indent, quote, type ScalarTest, scalarTest } from '../../lib/contracts/generated-code';
import { normalizeText } from '../../lib/contracts/text-normalization';
import { conformTimestamp } from '../../lib/contracts/timestamp';
import {
  conformElement, conformField, type FieldCheck, fieldChecksOf, type FieldsCheck, type ValueCheck,
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
    const { generation, source } = generate(fieldChecksOf(dataset));
    reader = generation.compile<ImageReader>(source, RUNTIME);
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

/** Generates the reader: one function per struct and per array of the contract, reading attributes by name. */
class ReaderGeneration extends CodeGeneration {
  constructor() {
    super('reader');
  }

  /** A function reading an attribute map against `check`: `(map, parent, reasons) => record`. */
  fieldsReader(check: FieldsCheck): string {
    const values = check.fields.map((_, i) => `v${i}`);
    return this.fieldsFunction(check, {
      parameters: 'parent, reasons',
      locals: ['attribute', ...values],
      field: (field, i) => this.fieldReader(field, values[i]),
      returns: `return { ${check.fields.map((field, i) => `${quote(field.name)}: ${values[i]}`).join(', ')} };`,
    });
  }

  /** Statements setting `value` to the declared form of one field of `map`. */
  private fieldReader(field: FieldCheck, value: string): string {
    const name = this.columnName(field);
    const f = this.constant(field);
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
        const test = scalarTest(this, field);
        const fast = test && ATTRIBUTE_MEMBERS[test.type];
        read = fast
          ? `const member = attribute?.${fast.member};\nif (typeof member === "${fast.type}") {\n  const plain = ${fast.plain};\n` +
            `  const declared = ${test.declared};\n  ${value} = ${test.conforms} ? declared : conform(${f}, plain, parent, reasons);\n` +
            `} else ${value} = ${fallback};`
          : `${value} = ${fallback};`;
      }
    }
    return [
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

  /** A function reading a list attribute against an array check: `(list, path, reasons) => values`. */
  private arrayReader(check: ValueCheck & { kind: 'array' }): string {
    const { name, define } = this.reserve('array');
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
    define([
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
    ]);
    return name;
  }
}

/** Where an attribute holds a scalar of each plain type, of what type, and its plain value (what `plainValueOf` gives). */
const ATTRIBUTE_MEMBERS: Record<ScalarTest['type'], { member: string; type: string; plain: string }> = {
  string: { member: 'S', type: 'string', plain: 'member' },
  number: { member: 'N', type: 'string', plain: 'toNumber(member)' },
  boolean: { member: 'BOOL', type: 'boolean', plain: 'member' },
};

/** The reader's source, and the generation holding its constants. */
function generate(check: FieldsCheck): { generation: ReaderGeneration; source: string } {
  const generation = new ReaderGeneration();
  const top = generation.fieldsReader(check);
  const source = generation.source(RUNTIME,
    `return function readImage(image) {\n  const reasons = [];\n  const record = ${top}(image, "", reasons);\n  return { record, reasons };\n};`);
  return { generation, source };
}
