// Passwords: argon2id at OWASP's parameters, and NIST SP 800-63B's rules: at least 8 characters (10
// for coordinators and administrators), at most 128; not on the list of commonly used or breached
// passwords (zxcvbn-ts's, and common Russian words and names with a year, also typed on the other
// keyboard layout); not guessable by zxcvbn-ts's estimate given the person's own name and e-mail
// (keyboard walks included, йцукен as qwerty); not the e-mail itself. No composition rules.
import { Algorithm, hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { problem } from '../errors';
import { commonRussian, onLatinKeys } from './common-russian';
import type { Role } from './data';

// OWASP Password Storage Cheat Sheet: argon2id, m = 19 MiB, t = 2, p = 1.
const argon2Options = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

const MIN_PASSWORD_LENGTH = 8;
/** Coordinators and administrators see many people's data: a longer minimum. */
const MIN_STAFF_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_LENGTH = 128;
/** zxcvbn's score (0–4) a password must reach: 3 is "safely unguessable" (about 10^8 guesses or more). */
const MIN_SCORE = 3;

/** The published demo password and the words of this service: never a person's password. */
const serviceWords = ['mera-demo-2026', 'mera', 'мера', 'vsoko', 'всоко', 'demo', 'демо'];

let estimator: ZxcvbnFactory | undefined;
function strength(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({ dictionary: { ...dictionary, userInputs: serviceWords }, graphs: adjacencyGraphs });
  return estimator;
}

/** Who the password is for: the minimum length depends on the role; the name and e-mail are guesses an attacker tries first. */
export interface PasswordOwner {
  email?: string;
  name?: string;
  role?: Role;
}

const minimumPasswordLength = (role: Role | undefined) => (role === 'teacher' ? MIN_PASSWORD_LENGTH : MIN_STAFF_PASSWORD_LENGTH);

let common: Set<string> | undefined;
/** ~49 000 passwords seen most often in breaches (zxcvbn-ts's common list), lower-cased. */
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
}

/** Throws a Problem naming the field when the password breaks a rule. Length counts characters, not bytes. */
export function checkPasswordRules(password: string, owner: PasswordOwner = {}, field = 'password'): void {
  const { email } = owner;
  const length = [...password].length;
  const min = minimumPasswordLength(owner.role);
  if (length < min) {
    throw problem('password.too_short', { field, values: { min } });
  }
  if (length > MAX_PASSWORD_LENGTH) {
    throw problem('password.too_long', { field, values: { max: MAX_PASSWORD_LENGTH } });
  }
  const lower = password.normalize('NFKC').toLowerCase();
  const latinKeys = onLatinKeys(lower);
  if (commonPasswords().has(lower) || commonPasswords().has(latinKeys) || serviceWords.includes(lower) || commonRussian(password)) {
    throw problem('password.common', { field });
  }
  if (email && (lower === email.toLowerCase() || lower === email.toLowerCase().split('@')[0])) {
    throw problem('password.like_email', { field });
  }
  // The estimate, as typed and as typed on the Latin layout (a Cyrillic keyboard walk is a QWERTY one).
  // The person's own words, lower-cased (as zxcvbn compares), also as typed on the Latin layout.
  const own = [email, email?.split('@')[0], ...(email?.split('@')[0].split(/[._-]/) ?? []), ...(owner.name ?? '').split(/\s+/)]
    .filter((w): w is string => Boolean(w && w.length > 2))
    .map((w) => w.toLowerCase());
  const inputs = [...new Set([...own, ...own.map(onLatinKeys)])];
  if (madeOfOwnWords(lower, own)) throw problem('password.guessable', { field });
  const guessable = [password, ...(latinKeys !== lower ? [latinKeys] : [])].some(
    (form) => strength().check(form, inputs).score < MIN_SCORE,
  );
  if (guessable) throw problem('password.guessable', { field });
}

/** True when the password's letters are only the person's own words (name, e-mail parts) one after another. */
function madeOfOwnWords(lower: string, own: string[]): boolean {
  const letters = lower.replace(/[^\p{L}]/gu, '');
  const words = own.map((w) => w.replace(/[^\p{L}]/gu, '')).filter((w) => w.length > 2);
  if (!letters || words.length === 0) return false;
  // reachable[i]: the first i letters are own words one after another.
  const reachable = [true, ...Array<boolean>(letters.length).fill(false)];
  for (let i = 0; i < letters.length; i++) {
    if (!reachable[i]) continue;
    for (const w of words) if (letters.startsWith(w, i)) reachable[i + w.length] = true;
  }
  return reachable[letters.length];
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
