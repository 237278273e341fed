/**
 * Expected failures are values, not exceptions — and they have one shape across the project.
 *
 * A function that may refuse returns `Result<T, E>`, made with `ok(value)` or `err(error)`:
 *
 * - `E` is a **refusal**: an object whose `code` names why (and is the last segment of its message
 *   key), with the values the message needs beside it — flat (`{ code: 'missing-chunk', seq, total }`)
 *   or, where they go to i18next as one bag, under `params` (`{ code: 'binary-file', params }`).
 *   No refusal is a bare code string.
 * - Where one call reports several problems at once (a form, a file, a page of rows), `E` is the
 *   list of them (`Result<T, FormProblem[]>`), never empty.
 * - Callers read `result.value` or `result.error` after testing `result.ok`.
 *
 * Nothing else builds an `{ ok: false, … }` object or declares an `{ ok: false; … }` type of its
 * own: ESLint refuses both outside this file (`eslint.config.js`, proven by
 * tests/unit/lint/result-shape.test.ts). Wire formats with an `ok` field (HTTP bodies, worker
 * messages) carry a Result too, or a plain `ok: true` acknowledgement.
 */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
