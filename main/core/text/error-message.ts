/** The message of a thrown value, whatever was thrown (an Error, a string, anything). */
export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
