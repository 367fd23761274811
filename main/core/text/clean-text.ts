/**
 * The one cleaner for text a person will read that came from somewhere we do not control
 * (server text above all: job ids, operation types, statuses, owners, repositories, phases,
 * errors, results). The CIDX client applies it once, where server text enters
 * (`main/core/cidx/job.ts`), so terminal output, notifications, tray labels and the window get
 * clean values and need no cleaning of their own. What stays per platform is *escaping*
 * (notification markup, Electron's '&' mnemonics) and bounding for layout (`truncateText`).
 *
 * Cleaning means:
 * - terminal escape sequences are removed whole (CSI, OSC, DCS, SOS, PM, APC, and the short
 *   ESC sequences), in their 7-bit (ESC ...) and 8-bit C1 (U+009B ...) forms: dropping only the
 *   ESC byte would leave "[2J" or an OSC 8 link's URL behind;
 * - every other C0 and C1 control character is removed; line breaks and tabs become spaces,
 *   and runs of whitespace collapse to one space;
 * - bidi controls (U+202A-202E, U+2066-2069, U+200E, U+200F, U+061C) are removed, so
 *   "abc\u202Egnp.exe" cannot be shown as "abcexe.png";
 * - unpaired surrogates become U+FFFD;
 * - the length is bounded (4,096 characters for free text, 256 for names), cut at a code point
 *   and marked with an ellipsis.
 */

/** Free text: errors, phase details, strings inside a job's result. */
export const MAX_TEXT_LENGTH = 4096;
/** Names: job ids, operation types, statuses, owners, repositories, phases, versions. */
export const MAX_NAME_LENGTH = 256;

/* eslint-disable no-control-regex */
/** CSI: ESC [ or U+009B, parameter bytes, intermediate bytes, one final byte (absent at the end). */
const CSI = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?/g;
/**
 * String sequences: OSC (ESC ] / U+009D), DCS (ESC P / U+0090), SOS (ESC X / U+0098),
 * PM (ESC ^ / U+009E) and APC (ESC _ / U+009F), up to their terminator: ST (ESC \ or U+009C),
 * or BEL for OSC. An unterminated one runs to the next ESC or to the end of the text, as a
 * terminal would read it.
 */
const STRING_SEQUENCE =
  /(?:\u001b[\]PX^_]|[\u009d\u0090\u0098\u009e\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?/g;
/** Any other escape sequence: ESC, intermediate bytes, one final byte (ESC c, ESC ( B, ESC 7...). */
const OTHER_ESCAPE = /\u001b[ -/]*[0-~]?/g;
/** Line breaks and tabs read as spaces; every other control character is dropped. */
const SPACING_CONTROLS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
/* eslint-enable no-control-regex */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Work on at most this many code units of the input: a megabyte of server text is cut before
 * any regular expression reads it. Escape sequences removed from the prefix may leave the
 * result shorter than the limit; it is still marked as cut.
 */
const inputWindow = (maxLength: number): number => maxLength * 4 + 64;

/** Code units of the code point at `index`: 2 for a surrogate pair, else 1. */
function unitsAt(text: string, index: number): number {
  const high = text.charCodeAt(index);
  if (high < 0xd800 || high > 0xdbff) return 1;
  const low = text.charCodeAt(index + 1);
  return low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
}

/**
 * At most `maxLength` characters (code points), the ellipsis included, cut at a code point
 * (never inside a surrogate pair). Bounding for layout; it cleans nothing.
 */
export function truncateText(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  if (maxLength < 1) return '';
  let index = 0;
  let points = 0;
  let cut = 0;
  while (index < text.length && points < maxLength) {
    if (points === maxLength - 1) cut = index;
    index += unitsAt(text, index);
    points += 1;
  }
  if (index >= text.length) return text;
  return `${text.slice(0, cut).trimEnd()}…`;
}

/**
 * Text safe to show anywhere as plain text: one line, no control, escape or bidi characters,
 * at most `maxLength` characters (default: free text, 4,096).
 */
export function cleanText(text: string, maxLength = MAX_TEXT_LENGTH): string {
  const window = inputWindow(maxLength);
  const cut = text.length > window;
  const input = cut ? text.slice(0, window) : text;
  const cleaned = input
    .replace(STRING_SEQUENCE, '')
    .replace(CSI, '')
    .replace(OTHER_ESCAPE, '')
    .replace(SPACING_CONTROLS, ' ')
    .replace(CONTROLS, '')
    .replace(BIDI_CONTROLS, '')
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(/\s+/g, ' ')
    .trim();
  return truncateText(cut ? `${cleaned}…` : cleaned, maxLength);
}

/** A name, id, status or phase: cleaned and bounded to 256 characters. */
export function cleanName(text: string): string {
  return cleanText(text, MAX_NAME_LENGTH);
}

/** `cleanText` for optional values: null and undefined stay null. */
export function cleanOptional(text: string | null | undefined, maxLength = MAX_TEXT_LENGTH): string | null {
  return typeof text === 'string' ? cleanText(text, maxLength) : null;
}

/** How much text (code units, keys included) one job's result may keep. */
export const MAX_RESULT_TEXT = 4 * MAX_TEXT_LENGTH;
const MAX_RESULT_DEPTH = 8;

/**
 * A JSON value from a server (a job's `result`) with every string and key cleaned, and the
 * whole bounded: nesting, and the total text kept (16 KiB); what does not fit is left out.
 */
export function cleanJsonValue(value: unknown): unknown {
  let budget = MAX_RESULT_TEXT;
  const walk = (node: unknown, depth: number): unknown => {
    if (node === null || typeof node === 'boolean') return node;
    if (typeof node === 'number') return Number.isFinite(node) ? node : null;
    if (typeof node === 'string') {
      const text = cleanText(node, Math.max(1, Math.min(MAX_TEXT_LENGTH, budget)));
      budget -= text.length;
      return text;
    }
    if (depth >= MAX_RESULT_DEPTH || typeof node !== 'object') return null;
    if (Array.isArray(node)) {
      const out: unknown[] = [];
      for (const item of node) {
        if (budget <= 0) break;
        budget -= 1;
        out.push(walk(item, depth + 1));
      }
      return out;
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(node as Record<string, unknown>)) {
      if (budget <= 0) break;
      const name = cleanName(key);
      budget -= name.length + 1;
      // defineProperty: a key "__proto__" stays a plain property.
      Object.defineProperty(out, name, {
        value: walk(item, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  };
  return walk(value, 0);
}
