/** "a; b; c (and 2 more)": the first few parts of a list of problems, and how many were left out. */
export function joinAtMost(parts: readonly string[], max: number): string {
  const extra = parts.length > max ? ` (and ${parts.length - max} more)` : '';
  return parts.slice(0, max).join('; ') + extra;
}
