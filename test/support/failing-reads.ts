/**
 * Makes file reads fail on demand (EMFILE, EACCES, EIO) for the secret-store tests: a test
 * mocks `main/core/config/atomic-file` with `failingReads(actual)` and sets `readFailure.code`.
 */
import type * as atomicFile from '../../main/core/config/atomic-file';

/** The error code the next reads fail with; null reads normally. */
export const readFailure: { code: string | null } = { code: null };

export function failingReads(actual: typeof atomicFile): typeof atomicFile {
  return {
    ...actual,
    readTextIfExists: (path: string) => {
      if (readFailure.code !== null) {
        throw Object.assign(new Error(`${readFailure.code}: cannot open, open '${path}'`), {
          code: readFailure.code,
        });
      }
      return actual.readTextIfExists(path);
    },
  };
}
