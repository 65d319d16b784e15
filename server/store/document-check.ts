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
  validators: { type?: string }[];
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

/** True when Model.validate() on a plain object means the same as validating a Document. */
export function isFlatSchema(schema: mongoose.Schema): boolean {
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

/** The fast way for flat schemas: strict check, defaults, cast, the built-in validators; refusals go the general way. */
export function flatDocumentCheck(model: mongoose.Model<unknown>): DocumentCheck {
  const { schema } = model;
  // With a cast error, Model.validate() also runs the other validators on uncast values and so
  // names more fields than a Document does. Refusals are rare: the general way words them.
  const refusal = documentCheck(model);
  const paths = schema.paths as unknown as Record<string, SchemaTypeInternals>;
  const pathList = Object.entries(paths);
  const withDefault = pathList.filter(([, type]) => type.defaultValue !== undefined);
  const valueDefaults = withDefault.filter(([, type]) => typeof type.defaultValue !== 'function');
  const functionDefaults = withDefault.filter(([, type]) => typeof type.defaultValue === 'function');
  return async (doc) => {
    const input: Plain = {};
    const nulls = new Set<string>();
    const givenUndefined = new Set<string>();
    for (const [key, value] of Object.entries(doc)) {
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
      return refusal(doc);
    }
    // Model.validate() would run the same validators, each wrapped in a promise.
    for (const [path, type] of pathList) {
      if (type.doValidateSync(cast[path], cast) != null) return refusal(doc);
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
