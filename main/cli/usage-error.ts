/**
 * Commander's usage errors as one `cidx-jobs: …` line, like every other error of the command:
 * its "error: " prefix dropped, its "(Did you mean …?)" suggestion kept on the same line, and
 * where to read the usage instead of the usage itself.
 */
export function oneLineError(commanderMessage: string): string {
  const text = commanderMessage
    .replace(/^error:\s*/i, '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ')
    .replace(/ \(Did you mean (.*)\)$/, '; did you mean $1');
  return `cidx-jobs: ${text} (see cidx-jobs --help)`;
}
