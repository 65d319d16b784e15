// How the embedded engine makes a document what MongoDB (through mongoose) would store: cast and
// validated against its collection's schema, unknown fields refused (strict "throw"), defaults
// filled in, keys in schema order. Only mongoose's public API: a Document built from the plain
// object, validate(), and toObject().
import mongoose from 'mongoose';

type Plain = Record<string, unknown>;

/** Casts and validates a whole document; throws mongoose's ValidationError or StrictModeError. */
export type DocumentCheck = (doc: Plain) => Promise<Plain>;

export function checkFor(model: mongoose.Model<unknown>): DocumentCheck {
  return async (doc) => {
    const instance = new model(doc) as mongoose.Document;
    await instance.validate();
    return instance.toObject({ depopulate: true }) as Plain;
  };
}
