// Every error code Mera's API can answer, with its HTTP status, its English sentence and whether it
// names the field at fault. Data and types only (no server imports): the client imports it to keep a
// Russian and an English text for every code, and `problem()` (./index.ts) builds errors from it, so a
// code's status is written once. docs/api-errors.md explains the codes to API users.
//
// A message is a template: `{name}` is filled from the problem's `values`. Where the sentence depends
// on the rule that refused (a zod issue, an answer's check, a policy), it comes whole as `{reason}`.

export interface CodeEntry {
  status: number;
  message: string;
  /** Whether every problem of this code names the field at fault (a body path, a query or path parameter, a header). */
  field: boolean;
}

export const catalogue = {
  // Reading the request (server/request-guards.ts, server/http/validate.ts, errors' reading rules).
  'request.malformed_json': { status: 400, message: 'The request body is not valid JSON.', field: true },
  'request.too_large': { status: 413, message: 'The request body is larger than the limit of {limit} bytes.', field: true },
  'request.too_many_items': {
    status: 413,
    message: 'The request body has more than {limit} objects, arrays and values in them.',
    field: true,
  },
  'request.too_deep': { status: 400, message: 'The request body is nested more than {limit} levels deep{where}.', field: true },
  'request.bad_content_encoding': {
    status: 415,
    message: 'Content-Encoding "{encoding}" is not accepted: send the body uncompressed, or as gzip, deflate or br.',
    field: true,
  },
  'request.bad_encoding': { status: 415, message: 'The request body must be UTF-8 encoded JSON.', field: true },
  'request.bad_compression': {
    status: 400,
    message: 'The request body is not valid data in the compression its Content-Encoding names.',
    field: true,
  },
  'request.unreadable': { status: 400, message: 'The request could not be read. Send it again as JSON.', field: true },
  'request.not_json': { status: 415, message: 'Send the body as JSON (Content-Type: application/json).', field: true },
  'request.operator': { status: 400, message: 'Keys starting with "$" are not allowed (found "{path}").', field: true },
  'request.prototype_key': {
    status: 400,
    message: 'Keys named __proto__, constructor or prototype are not allowed (found "{path}").',
    field: true,
  },
  'request.dotted_key': { status: 400, message: 'Keys containing "." cannot be stored (found "{path}"); rename it.', field: true },
  'request.invalid': { status: 400, message: '{reason}', field: true },
  'request.idempotency_key': {
    status: 400,
    message: 'The Idempotency-Key header must be 16–128 letters, digits, "-" or "_".',
    field: true,
  },
  not_found: { status: 404, message: 'There is no {method} {path} in the API.', field: false },
  internal: { status: 500, message: 'Something went wrong on our side. Please try again later.', field: false },
  'storage.unavailable': {
    status: 503,
    message: 'The database cannot be reached at the moment. Please try again in a minute.',
    field: false,
  },

  // Who is asking (server/http/auth.ts, accounts).
  'auth.required': { status: 401, message: 'Sign in first.', field: false },
  'auth.forbidden': { status: 403, message: '{reason}', field: false },
  'auth.wrong_credentials': { status: 401, message: 'Wrong e-mail or password.', field: true },
  'auth.rate_limited': { status: 429, message: 'Too many sign-in attempts. Wait a quarter of an hour and try again.', field: false },
  'admin.disabled': {
    status: 403,
    message: 'The administrator token is disabled: set MERA_ADMIN_TOKEN to enable it, or sign in as an administrator.',
    field: false,
  },
  'admin.unauthorised': {
    status: 401,
    message: 'This needs an administrator: sign in, or send the administrator token (Authorization: Bearer <MERA_ADMIN_TOKEN>).',
    field: true,
  },
  'csrf.cross_origin': { status: 403, message: 'This request came from another site and was refused.', field: false },
  'csrf.invalid': {
    status: 403,
    message: 'The page is out of date (missing or wrong CSRF token). Reload it and try again.',
    field: true,
  },

  // Accounts.
  'account.token_has_none': { status: 400, message: 'The API token has no account to change.', field: false },
  'account_token.unknown': { status: 404, message: 'This link is not valid. Ask for a new one.', field: true },
  'account_token.used': { status: 410, message: 'This link has already been used. Sign in, or ask for a new link.', field: true },
  'account_token.expired': { status: 410, message: 'This link has expired. Ask for a new one.', field: true },
  'first_run.done': { status: 409, message: 'Mera already has an administrator: sign in.', field: false },
  'first_run.not_local': {
    status: 403,
    message: 'The first administrator can only be created from the server itself (localhost), or with "npm run admin -- create <email>".',
    field: false,
  },
  'password.too_short': { status: 400, message: 'The password must have at least {min} characters.', field: true },
  'password.too_long': { status: 400, message: 'The password may have at most {max} characters.', field: true },
  'password.common': { status: 400, message: 'This password is on the list of commonly used passwords; choose another.', field: true },
  'password.like_email': { status: 400, message: 'The password must not be your e-mail address.', field: true },
  'password.guessable': {
    status: 400,
    message: 'This password is easy to guess (a keyboard pattern, a repeated or common word, your name or e-mail); choose a longer phrase.',
    field: true,
  },
  'user.not_found': { status: 404, message: 'There is no such {who}.', field: true },
  'user.email_taken': { status: 409, message: 'The e-mail {email} is already registered.', field: true },
  'user.inactive': { status: 409, message: 'This user is deactivated; reactivate them first.', field: true },
  'user.school_required': { status: 400, message: 'A {role} belongs to a school: give "schoolId".', field: true },
  'user.school_not_allowed': { status: 400, message: 'A {role} does not belong to one school: leave out "schoolId".', field: true },
  'user.unknown_school': { status: 400, message: 'There is no such school in the cluster.', field: true },
  'roster.unreadable': { status: 400, message: 'The file could not be read as {format}.', field: true },
  'roster.too_large': { status: 413, message: 'The roster file is too large: {reason}.', field: true },
  'roster.too_many_rows': {
    status: 400,
    message: 'The roster has {rows} rows; at most {max} can be imported at once: split the file.',
    field: true,
  },
  'invitation.daily_cap': {
    status: 429,
    message:
      'These {count} invitations would pass your limit of {cap} a day ({left} left today); nothing was added. Send fewer, or the rest tomorrow.',
    field: true,
  },

  // Instruments.
  'instrument.not_found': { status: 404, message: '{reason}', field: true },
  'instrument.invalid': { status: 400, message: '{reason}', field: true },
  'instrument.version_conflict': { status: 409, message: '{reason}', field: true },

  // Campaigns and their links.
  'campaign.invalid': { status: 400, message: '{reason}', field: true },
  'campaign.not_found': { status: 404, message: 'There is no such campaign.', field: true },
  'campaign.instrument_invalid': {
    status: 409,
    message: 'Version {version} of "{instrumentId}" no longer passes its checks; choose another version.',
    field: true,
  },
  'campaign.changed': { status: 409, message: 'Someone else changed this campaign just now; reload it and try again.', field: false },
  'campaign.not_planned': { status: 409, message: 'Only a planned campaign can be opened (a closed one is reopened).', field: true },
  'campaign.closing_day_passed': {
    status: 409,
    message: 'The closing day {closesOn} has passed; change it before opening.',
    field: true,
  },
  'campaign.still_planned': { status: 409, message: 'The campaign has not been opened.', field: true },
  'campaign.already_closed': { status: 409, message: 'The campaign is closed; reopen it first.', field: true },
  'campaign.not_closed': { status: 409, message: 'Only a closed campaign can be reopened.', field: true },
  'campaign.open': { status: 409, message: '"{field}" cannot change once the campaign is open: {reason}.', field: true },
  'campaign.link_not_found': { status: 404, message: 'This campaign has no such link.', field: true },
  // A respondent's link: not known, or outside its campaign's days.
  'link.unknown': { status: 404, message: 'This survey link is not known. Check that it was copied whole.', field: true },
  'campaign.not_open': { status: 403, message: 'This survey opens on {opensOn}.', field: false },
  'campaign.closed': {
    status: 410,
    message: 'This survey is closed and no longer takes answers. Thank you for your interest.',
    field: false,
  },

  // Responses through links, and teachers' diagnostics.
  'response.invalid': { status: 400, message: '{reason}', field: true },
  'response.required': { status: 400, message: '{reason}', field: true },
  'response.unknown_question': { status: 400, message: '"{question}" is not a question of this {what}.', field: true },
  'response.empty': { status: 400, message: 'The response has no answers.', field: true },
  'response.set_by_campaign': {
    status: 400,
    message: '"{question}" is set by the campaign ({expected}); it cannot be {sent}.',
    field: true,
  },
  'response.already_reported': {
    status: 409,
    message: 'This school has already sent its monitoring form for the school year {year}{when}; there is one form per school and year.',
    field: true,
  },
  'response.in_progress': { status: 409, message: 'This answer is still being stored; try again in a moment.', field: true },
  'response.ambiguous_number': {
    status: 400,
    message: 'The answer to "{question}" ("{text}") could mean a thousand or a decimal: write 1300 or 1,3.',
    field: true,
  },
  // A school's own forms (responses/school-forms.ts): its official return, sent signed in.
  'school_form.sign_in_required': {
    status: 401,
    message: "This is a school's official return: sign in as the school's coordinator or a member of its working group to fill it in.",
    field: false,
  },
  'school_form.draft_conflict': {
    status: 409,
    message:
      'Someone else saved this form meanwhile (draft {current}); this save was based on draft {basedOn}. The current draft comes with this answer.',
    field: true,
  },
  'school_form.stale': {
    status: 409,
    message: 'The form has been sent again meanwhile (revision {current}); reload it before sending.',
    field: true,
  },
  'school_form.reason_required': { status: 400, message: 'Say in words why the submitted form is corrected.', field: true },
  'school_form.closed': {
    status: 409,
    message: "The campaign is closed: only the cluster coordinator can reopen this school's form for correction.",
    field: false,
  },
  'school_form.still_open': {
    status: 409,
    message: 'The campaign is still open: the school may correct its form itself.',
    field: false,
  },
  'school_form.not_submitted': { status: 409, message: 'The school has not sent this form yet: there is nothing to reopen.', field: false },
  'school_form.not_school_form': { status: 404, message: "This campaign's instrument is not a school's form.", field: false },
  'school_form.not_in_school': {
    status: 400,
    message: 'Only active colleagues of the school can join its working group ({user}).',
    field: true,
  },
  'diagnostic.not_found': { status: 404, message: 'There is no such diagnostic for your school.', field: true },
  'diagnostic.closed': { status: 409, message: 'This diagnostic is not taking answers.', field: true },
  'diagnostic.submitted': { status: 409, message: 'This diagnostic has been submitted already.', field: true },

  // Results, exports and the report.
  'results.school_not_in_campaign': { status: 404, message: 'The school "{school}" does not take part in this campaign.', field: true },
  'results.role_unknown': { status: 400, message: '{reason}', field: true },
  'results.bad_filter': { status: 400, message: '{reason}', field: true },
  'export.personal_responses': {
    status: 409,
    message:
      "This instrument's answers are personal (the teacher's diagnostic): its results are exported as the indicator table, never answer by answer.",
    field: true,
  },
  'report.empty': { status: 409, message: 'This instrument has no indicators to report on.', field: true },
} as const satisfies Record<string, CodeEntry>;

export type Catalogue = typeof catalogue;
export type Code = keyof Catalogue;
export const codes = Object.keys(catalogue) as Code[];

/**
 * The problems of one line of an imported roster (answered inside a 200/201, not as errors): their
 * codes share the namespace, so the client keeps texts for them beside the error codes.
 */
export const rosterLineCodes = [
  'roster.email_invalid',
  'roster.email_taken',
  'roster.email_repeated',
  'roster.form_tutor_invalid',
  'roster.name_missing',
] as const;
export type RosterLineCode = (typeof rosterLineCodes)[number];

/** The names a message template fills: "at least {min} of {max}" → "min" | "max". */
export type Slots<Message extends string> = Message extends `${string}{${infer Name}}${infer Rest}` ? Name | Slots<Rest> : never;
export type ValuesOf<C extends Code> = Record<Slots<Catalogue[C]['message']>, string | number>;
