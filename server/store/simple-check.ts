// The embedded engine's shortcut for the document check (document-check.ts), generated from the
// schema: for a schema of top-level String, Number, Boolean, Date and Mixed fields with required,
// enum, match, min, max, minlength or maxlength, a document whose values are already what the
// schema says (nothing to cast) and pass those validators is copied out in schema order, the _id
// filled in, as mongoose's validate() and toObject() would give it. Anything else (a value to cast,
// a missing required field, a failed validator, an unknown field, null, a schema with more in it)
// is left to mongoose, which casts it or refuses it with its own error: the shortcut answers
// undefined. A response's check went from ~25 µs through mongoose to a few.
// tests/store/simple-check.test.ts checks it against mongoose on generated documents.
import mongoose from 'mongoose';
import { isDate } from './json';

type Plain = Record<string, unknown>;

/** One field's check: its value copied (a valid value of the field), or undefined to leave the document to mongoose. */
type FieldCheck = (value: unknown) => unknown;

/** An object literal's or JSON.parse's object (of any realm), not a class instance or a null-prototype object. */
function isPlainObject(value: unknown): value is Plain {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto !== null && Object.getPrototypeOf(proto) === null;
}

/** A deep copy of a JSON-like value (plain objects, arrays, strings, finite numbers, booleans, null, Dates), as mongoose copies a Mixed field; undefined for anything else. */
function copyMixed(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (isDate(value)) return Number.isNaN(value.getTime()) ? undefined : new Date(value.getTime());
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) return undefined;
      const item = copyMixed(value[i]);
      if (item === undefined) return undefined;
      copy[i] = item;
    }
    return copy;
  }
  if (!isPlainObject(value)) return undefined;
  const copy: Plain = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__') return undefined;
    const item = copyMixed(value[key]);
    if (item === undefined) return undefined;
    copy[key] = item;
  }
  return copy;
}

/** The options a field may have for the shortcut, by its type; any other option (a setter, trim, a default, validate...) leaves the schema to mongoose. */
const allowedOptions: Record<string, string[]> = {
  String: ['type', 'required', 'enum', 'match', 'minlength', 'maxlength'],
  Number: ['type', 'required', 'min', 'max'],
  Boolean: ['type', 'required'],
  Date: ['type', 'required'],
  Mixed: ['type', 'required'],
};

/** The validator types those options make (SchemaType's public `validators`). */
const allowedValidators = new Set(['required', 'enum', 'regexp', 'min', 'max', 'minlength', 'maxlength']);

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** A field's check from its options, or undefined when the field is more than the shortcut knows. */
function fieldCheck(type: mongoose.SchemaType): FieldCheck | undefined {
  const options = type.options as Record<string, unknown>;
  const allowed = allowedOptions[type.instance];
  if (!allowed || !Object.keys(options).every((option) => allowed.includes(option))) return undefined;
  if (!type.validators.every((v) => allowedValidators.has(String(v.type)))) return undefined;
  if (options.required !== undefined && options.required !== true) return undefined;
  const { enum: values, match, minlength, maxlength, min, max } = options;
  if (values !== undefined && !(Array.isArray(values) && values.every((v) => typeof v === 'string'))) return undefined;
  if (match !== undefined && !(match instanceof RegExp && !match.global && !match.sticky)) return undefined;
  if (![minlength, maxlength, min, max].every((limit) => limit === undefined || isNumber(limit))) return undefined;
  const required = options.required === true;
  switch (type.instance) {
    case 'String':
      return (value) =>
        typeof value === 'string' &&
        !(required && value === '') &&
        (values === undefined || (values as string[]).includes(value)) &&
        (match === undefined || value === '' || (match as RegExp).test(value)) &&
        (minlength === undefined || value.length >= (minlength as number)) &&
        (maxlength === undefined || value.length <= (maxlength as number))
          ? value
          : undefined;
    case 'Number':
      return (value) =>
        isNumber(value) && (min === undefined || value >= (min as number)) && (max === undefined || value <= (max as number))
          ? value
          : undefined;
    case 'Boolean':
      return (value) => (typeof value === 'boolean' ? value : undefined);
    case 'Date':
      return (value) => (isDate(value) && !Number.isNaN(value.getTime()) ? new Date(value.getTime()) : undefined);
    default:
      return copyMixed;
  }
}

/**
 * The shortcut for a schema: the checked document, or undefined to leave it to mongoose (also
 * always undefined for a schema the shortcut does not cover).
 */
export function simpleCheckFor(schema: mongoose.Schema): (doc: Plain) => Plain | undefined {
  const never = () => undefined;
  const options = schema.options as { strict?: unknown; minimize?: unknown; timestamps?: unknown };
  if (options.strict !== 'throw' || options.minimize !== false || options.timestamps) return never;
  if (schema.childSchemas.length > 0) return never;
  const fields: { path: string; check: FieldCheck; required: boolean }[] = [];
  let idDefault: (() => unknown) | undefined;
  let covered = true;
  schema.eachPath((path, type) => {
    if (path === '_id') {
      const idOptions = type.options as { type?: unknown; default?: unknown };
      const only = Object.keys(idOptions).every((o) => o === 'type' || o === 'default');
      if (type.instance !== 'String' || !only || typeof idOptions.default !== 'function' || type.validators.length > 0) covered = false;
      else idDefault = idOptions.default as () => unknown;
      return;
    }
    const check = path.includes('.') ? undefined : fieldCheck(type);
    if (!check) covered = false;
    else fields.push({ path, check, required: (type.options as { required?: unknown }).required === true });
  });
  if (!covered || !idDefault) return never;
  const makeId = idDefault;
  const known = new Set(['_id', ...fields.map((f) => f.path)]);
  const isId = (value: unknown) => typeof value === 'string';
  return (doc) => {
    if (!isPlainObject(doc)) return undefined;
    for (const key of Object.keys(doc)) if (!known.has(key)) return undefined;
    const checked: Plain = {};
    const id = doc._id;
    if (id !== undefined) {
      if (!isId(id) || id === '') return undefined;
      checked._id = id;
    }
    for (const { path, check, required } of fields) {
      const value = doc[path];
      if (value === null) return undefined;
      if (value === undefined) {
        if (required || path in doc) return undefined;
        continue;
      }
      const copy = check(value);
      if (copy === undefined) return undefined;
      checked[path] = copy;
    }
    if (id === undefined) checked._id = makeId();
    return checked;
  };
}
