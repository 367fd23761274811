/**
 * A hostile CIDX server's text (issue 8): every string field of a job carries terminal escape
 * sequences (OSC 52 clipboard write, OSC 0 window title, OSC 8 hyperlink, CSI 2J clear screen),
 * BEL, a bidi override (U+202E), HTML that would run script if rendered as markup, and, for free
 * text, a megabyte of filler. `expectClean` checks what a person would see.
 */
import { expect } from 'vitest';

const ESC = '\u001b';
const BEL = '\u0007';

/** Every attack once, around a readable `word` that must survive. */
export function hostileText(word: string, options: { huge?: boolean } = {}): string {
  return [
    `${ESC}]52;c;${Buffer.from('rm -rf ~').toString('base64')}${BEL}`,
    `${ESC}]0;pwned title${BEL}`,
    `${ESC}]8;;https://evil.example/${ESC}\\`,
    word,
    `${ESC}]8;;${ESC}\\`,
    `${ESC}[2J${ESC}[1;1H`,
    BEL,
    '\u009b31m',
    `abc\u202egnp.exe`,
    '<img src=x onerror=alert(1)>',
    options.huge ? 'A'.repeat(1024 * 1024) : '',
  ].join('');
}

/** A job body (cidx-api.md §2.1) with every string field hostile; error and phase detail are 1 MB. */
export function hostileJobBody(id = 'hostile-1'): Record<string, unknown> {
  return {
    job_id: hostileText(id),
    operation_type: hostileText('sync_repository'),
    status: hostileText('weird_status'),
    created_at: '2026-11-28T09:44:17.530506+00:00',
    started_at: '2026-11-28T09:44:17.531189+00:00',
    completed_at: '2026-11-28T09:45:17.531189+00:00',
    progress: 150,
    result: {
      repository_id: hostileText('evil-repo'),
      message: hostileText('result text', { huge: true }),
      [hostileText('key')]: [hostileText('nested', { huge: true })],
    },
    error: hostileText('error text', { huge: true }),
    username: hostileText('mallory'),
    current_phase: hostileText('semantic'),
    phase_detail: hostileText('45/120 files', { huge: true }),
  };
}

/* eslint-disable no-control-regex */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;
/* eslint-enable no-control-regex */

/** No control character, no bidi control, none of the escape payloads, and bounded. */
export function expectClean(text: string, maxLength = 4096): void {
  expect(text).not.toMatch(CONTROL);
  expect(text).not.toMatch(BIDI);
  expect(text).not.toContain('pwned title');
  expect(text).not.toContain('evil.example');
  expect(text).not.toContain('[2J');
  expect(text).not.toContain('52;c;');
  expect(text.length).toBeLessThanOrEqual(maxLength);
}
