// How the embedded engine makes a document what MongoDB (through mongoose) would store: cast and
// validated against its collection's schema, unknown fields refused (strict "throw"), defaults
// filled in, keys in schema order.
//
// The general way builds a mongoose Document, validates it and turns it back into a plain object.
// In the server that costs ~100 µs per document, a fifth of a submission's time. For a "flat"
// schema (every path top-level, a scalar or Mixed, built-in validators only, no setters, no
// validate hooks: responses, links, schools...) mongoose's Model.castObject() and the paths' own
// validators say the same of the plain object; the strict check and the defaults are all a
// Document adds. A refused document goes the general way, so errors are worded exactly as
// mongoose words them. tests/store/document-check.test.ts compares both ways on thousands of
// generated documents.
import mongoose from 'mongoose';

type Plain = Record<string, unknown>;

/** Casts and validates a whole document; throws mongoose's ValidationError or StrictModeError. */
export type DocumentCheck = (doc: Plain) => Promise<Plain>;

const flatTypes = new Set(['String', 'Number', 'Boolean', 'Date', 'Mixed']);
const builtinValidators = new Set(['required', 'min', 'max', 'enum', 'regexp', 'minlength', 'maxlength']);

interface SchemaTypeInternals {
  instance: string;
  setters: unknown[];
  validators: { type?: string; validator?: unknown; propsParameter?: unknown }[];
  options: { alias?: unknown; immutable?: unknown };
  /** `required: true`, or a function mongoose calls with the Document as `this`. */
  originalRequiredValue?: unknown;
  defaultValue?: unknown;
  getDefault(scope?: unknown, init?: boolean): unknown;
  /** Runs the path's synchronous validators; the error, or null or undefined. All built-in ones are synchronous. */
  doValidateSync(value: unknown, scope: unknown): Error | null | undefined;
}

interface SchemaHooks {
  _pres?: Map<string, unknown[]>;
  _posts?: Map<string, unknown[]>;
}

/** True when casting and validating a plain object means the same as validating a Document. */
export function isFlatSchema(schema: mongoose.Schema): boolean {
  // The fast check refuses unknown fields and keeps empty objects, as defineCollection's schemas do.
  if (schema.get('strict') !== 'throw' || schema.get('minimize') !== false) return false;
  const hooks = (schema as unknown as { s?: { hooks?: SchemaHooks } }).s?.hooks;
  const validateHooks = (hooks?._pres?.get('validate')?.length ?? 0) + (hooks?._posts?.get('validate')?.length ?? 0);
  if (!hooks?._pres || !hooks._posts || validateHooks > 0) return false;
  return Object.entries(schema.paths).every(([path, schemaType]) => {
    const type = schemaType as unknown as SchemaTypeInternals;
    return (
      !path.includes('.') &&
      flatTypes.has(type.instance) &&
      type.setters.length === 0 &&
      type.validators.every((v) => builtinValidators.has(v.type ?? '')) &&
      typeof type.originalRequiredValue !== 'function' &&
      type.options.alias === undefined &&
      type.options.immutable === undefined
    );
  });
}

/** The general way: a mongoose Document, validated, back to a plain object. */
export function documentCheck(model: mongoose.Model<unknown>): DocumentCheck {
  return async (doc) => {
    const instance = new model(doc) as mongoose.Document;
    await instance.validate();
    return instance.toObject({ depopulate: true }) as Plain;
  };
}

// By tag and prototype chain rather than instanceof, which fails for objects from another realm
// (a vm context, as under jest).
const isDate = (value: unknown): value is Date => Object.prototype.toString.call(value) === '[object Date]';

/** An object literal or JSON.parse result: its prototype is a realm's Object.prototype. */
function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto !== null && Object.getPrototypeOf(proto) === null && Object.prototype.toString.call(value) === '[object Object]';
}

/** A value the fast check leaves to a mongoose Document (a class instance, a function...). */
class NotPlainData extends Error {}

/**
 * A copy of a Mixed value as a Document's toObject() makes it: nested objects without their
 * undefined fields, arrays element by element, dates as new dates. Anything but plain data
 * throws NotPlainData.
 */
function copyMixed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyMixed);
  if (isDate(value)) return new Date(value.getTime());
  if (value !== null && typeof value === 'object') {
    if (!isPlainObject(value)) throw new NotPlainData();
    const copy: Plain = {};
    for (const [key, child] of Object.entries(value)) if (child !== undefined) copy[key] = copyMixed(child);
    return copy;
  }
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') throw new NotPlainData();
  return value;
}

/**
 * Whether a value passes its path's validators, as SchemaType.doValidateSync decides it, without
 * the copy of every validator's properties it makes on each call (a clone of a `match` pattern
 * among them): a built-in validator is a function of the value alone. A validator of another kind
 * (a RegExp, one that takes its properties, an async one) is left to doValidateSync itself.
 */
function passesValidators(type: SchemaTypeInternals, value: unknown, scope: Plain): boolean {
  let validators = type.validators;
  if (validators.length === 0) return true;
  if (value === undefined) {
    // As doValidateSync: a missing value meets only the required validator, which comes first.
    if (validators[0].type !== 'required') return true;
    validators = [validators[0]];
  }
  for (const v of validators) {
    if (v === null || typeof v !== 'object') continue;
    const validator = v.validator;
    if (typeof validator !== 'function' || v.propsParameter || validator.constructor.name === 'AsyncFunction') {
      return type.doValidateSync(value, scope) == null;
    }
    let ok: unknown;
    try {
      ok = (validator as (this: Plain, value: unknown) => unknown).call(scope, value);
    } catch {
      return false;
    }
    // doValidateSync skips a validator that answers a promise, and refuses on a defined falsy answer.
    if (typeof (ok as { then?: unknown } | null | undefined)?.then === 'function') continue;
    if (ok !== undefined && !ok) return false;
  }
  return true;
}

/**
 * The fast way for flat schemas: strict check, defaults, cast, the built-in validators. Whatever
 * it would refuse, and anything unusual (a dotted key, a Mixed value that is not plain data), it
 * leaves to a mongoose Document, so refusals are worded exactly as mongoose words them.
 */
export function flatDocumentCheck(model: mongoose.Model<unknown>): DocumentCheck {
  const { schema } = model;
  // With a cast error, Model.validate() also runs the other validators on uncast values and so
  // names more fields than a Document does. Refusals are rare: the general way words them.
  const general = documentCheck(model);
  const paths = schema.paths as unknown as Record<string, SchemaTypeInternals>;
  const pathList = Object.entries(paths);
  const withDefault = pathList.filter(([, type]) => type.defaultValue !== undefined);
  const valueDefaults = withDefault.filter(([, type]) => typeof type.defaultValue !== 'function');
  const functionDefaults = withDefault.filter(([, type]) => typeof type.defaultValue === 'function');
  const mixedPaths = pathList.filter(([, type]) => type.instance === 'Mixed').map(([path]) => path);
  const datePaths = pathList.filter(([, type]) => type.instance === 'Date').map(([path]) => path);
  return async (doc) => {
    const input: Plain = {};
    const nulls = new Set<string>();
    const givenUndefined = new Set<string>();
    for (const [key, value] of Object.entries(doc)) {
      // A dotted key reaches into a Mixed field on a Document: rare, so left to it.
      if (key.includes('.')) return general(doc);
      if (!Object.hasOwn(paths, key)) {
        // The same error, message included, that a Document raises.
        const StrictModeError = mongoose.Error.StrictModeError as unknown as new (path: string) => Error;
        throw new StrictModeError(key);
      }
      if (value === undefined) {
        givenUndefined.add(key);
        continue;
      }
      input[key] = value;
      if (value === null) nulls.add(key);
    }
    for (const [path, type] of valueDefaults) {
      if (input[path] === undefined) input[path] = type.getDefault(undefined, true);
    }
    const defaulted = new Set<string>();
    for (const [path, type] of functionDefaults) {
      if (input[path] !== undefined) continue;
      input[path] = type.getDefault(undefined, true);
      if (!givenUndefined.has(path)) defaulted.add(path);
    }
    let cast: Plain;
    try {
      cast = model.castObject(input) as Plain;
    } catch {
      return general(doc);
    }
    // Model.validate() would run the same validators, each wrapped in a promise.
    for (const [path, type] of pathList) {
      if (!passesValidators(type, cast[path], cast)) return general(doc);
    }
    // castObject hands back the caller's own Mixed objects and dates; a Document copies them, so
    // that a caller changing them afterwards does not change what is stored.
    try {
      for (const path of mixedPaths) if (cast[path] !== undefined) cast[path] = copyMixed(cast[path]);
    } catch (err) {
      if (err instanceof NotPlainData) return general(doc);
      throw err;
    }
    for (const path of datePaths) {
      const value = cast[path];
      if (isDate(value)) cast[path] = new Date(value.getTime());
    }
    if (nulls.size === 0 && defaulted.size === 0) return cast;
    // As a Document: castObject leaves nulls out, but a field set to null is kept; and values
    // from default functions (a new _id among them) come after the others, unless the field was
    // given as undefined.
    const ordered: Plain = {};
    for (const path of Object.keys(paths)) {
      if (defaulted.has(path)) continue;
      if (nulls.has(path)) ordered[path] = null;
      else if (cast[path] !== undefined) ordered[path] = cast[path];
    }
    for (const path of defaulted) ordered[path] = cast[path];
    return ordered;
  };
}

/** The cheapest check that means the same as a mongoose Document for this model's schema. */
export function checkFor(model: mongoose.Model<unknown>): DocumentCheck {
  return isFlatSchema(model.schema) ? flatDocumentCheck(model) : documentCheck(model);
}

/**
 * Whether an update made only of `$inc` keeps a stored (so already valid) document valid without
 * checking it again: every path either lies inside a Mixed field, or is a top-level Number field
 * with no validator beyond `required`. A number added to a number, or to a missing field, is a
 * number, so what the schema says of the document cannot change. Rollup counters are such
 * updates, and the whole-document check of a large counter document cost more than the $inc.
 * Field names are not looked at here: the caller applies the update with applySimpleUpdate,
 * which takes no name a stored document may not have.
 */
export function incOnlyKeepsValid(schema: mongoose.Schema): (update: Plain) => boolean {
  const paths = schema.paths as unknown as Record<string, SchemaTypeInternals>;
  const mixed = new Set<string>();
  const plainNumbers = new Set<string>();
  for (const [path, type] of Object.entries(paths)) {
    if (path.includes('.')) continue;
    if (type.instance === 'Mixed' && type.validators.every((v) => v.type === 'required')) mixed.add(path);
    if (type.instance === 'Number' && type.setters.length === 0 && type.validators.every((v) => v.type === 'required'))
      plainNumbers.add(path);
  }
  return (update) => {
    const operators = Object.keys(update);
    if (operators.length !== 1 || operators[0] !== '$inc') return false;
    const fields = update.$inc;
    if (fields === null || typeof fields !== 'object') return false;
    for (const path of Object.keys(fields)) {
      const dot = path.indexOf('.');
      if (dot < 0 ? !plainNumbers.has(path) && !mixed.has(path) : !mixed.has(path.slice(0, dot))) return false;
    }
    return true;
  };
}
