/**
 * Core notification text (plain text, already one paragraph per line and bounded) made safe for
 * the desktop's notifier. Linux daemons are reached through `notify-send`, which
 * (a) parses its arguments as options when they start with '-',
 * (b) un-escapes backslash sequences in the body (`\074` becomes '<'), and
 * (c) hands the body to daemons that read it as Pango-style markup (the spec's "body-markup").
 * The summary is plain text by the spec (GNOME shows entities in it literally) yet some daemons
 * (dunst) parse it as markup too: there, markup characters are swapped for look-alikes instead.
 * Cleaning (control characters, escape sequences, bidi controls) is not done here: server text
 * was cleaned where it entered (core/text/clean-text); this file only bounds and escapes.
 */

import { truncateText } from '../core/text/clean-text';

export { truncateText };

export const MAX_TITLE_LENGTH = 100;
export const MAX_BODY_LENGTH = 300;

const BODY_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  // A character reference, not a backslash: notify-send would turn `\074` into '<'.
  '\\': '&#92;',
};

/** The body as markup that shows exactly the plain text it was given. */
function escapeBodyMarkup(text: string): string {
  return text.replace(/[&<>\\]/g, (char) => BODY_ENTITIES[char] ?? char);
}

const SUMMARY_LOOK_ALIKES: Record<string, string> = {
  '&': '\uFF06', // fullwidth ampersand
  '<': '\u2039', // single left-pointing angle quotation mark
  '>': '\u203A', // single right-pointing angle quotation mark
};

/** A summary no daemon can read as markup, and that no daemon shows with visible entities. */
function neutralizeSummaryMarkup(text: string): string {
  return text.replace(/[&<>]/g, (char) => SUMMARY_LOOK_ALIKES[char] ?? char);
}

/** notify-send takes a leading '-' for an option (and fails or misreads the rest). */
function guardLeadingDash(text: string): string {
  return text.startsWith('-') ? `\u2010${text.slice(1)}` : text;
}

/** Title and body as notify-send must receive them. */
export function linuxNotificationText(title: string, body: string): { title: string; body: string } {
  return {
    title: guardLeadingDash(neutralizeSummaryMarkup(truncateText(title, MAX_TITLE_LENGTH))),
    body: guardLeadingDash(escapeBodyMarkup(truncateText(body, MAX_BODY_LENGTH))),
  };
}

/** macOS and Windows show text as text: bounded, nothing else. */
export function plainNotificationText(title: string, body: string): { title: string; body: string } {
  return { title: truncateText(title, MAX_TITLE_LENGTH), body: truncateText(body, MAX_BODY_LENGTH) };
}
