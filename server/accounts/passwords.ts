// Passwords: argon2id at OWASP's parameters, and NIST SP 800-63B's rules: length 8..128, not on
// the list of commonly used or breached passwords, not the e-mail itself; no composition rules.
import { Algorithm, hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { problem } from '../errors';

// OWASP Password Storage Cheat Sheet: argon2id, m = 19 MiB, t = 2, p = 1.
const argon2Options = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

const MIN_PASSWORD_LENGTH = 8;
const MAX_PASSWORD_LENGTH = 128;

let common: Set<string> | undefined;
/** ~49 000 passwords seen most often in breaches (zxcvbn-ts's common list), lower-cased. */
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
}

/** Throws a Problem naming the field when the password breaks a rule. Length counts characters, not bytes. */
export function checkPasswordRules(password: string, email?: string, field = 'password'): void {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    throw problem('password.too_short', { field, values: { min: MIN_PASSWORD_LENGTH } });
  }
  if (length > MAX_PASSWORD_LENGTH) {
    throw problem('password.too_long', { field, values: { max: MAX_PASSWORD_LENGTH } });
  }
  const lower = password.normalize('NFKC').toLowerCase();
  if (commonPasswords().has(lower)) {
    throw problem('password.common', { field });
  }
  if (email && (lower === email.toLowerCase() || lower === email.toLowerCase().split('@')[0])) {
    throw problem('password.like_email', { field });
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFKC'), argon2Options);
}

export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  if (!passwordHash) {
    // Spend the same time as a real check, so a response's timing does not tell which e-mails exist.
    await hash(password, argon2Options);
    return false;
  }
  try {
    return await verify(passwordHash, password.normalize('NFKC'));
  } catch {
    return false;
  }
}
