/**
 * A job status in a glyph and a word, so status never relies on colour alone (users.md #1).
 * Unknown server values are shown as readable text.
 */
export type StatusTone = 'running' | 'pending' | 'success' | 'warning' | 'danger' | 'neutral';

export interface StatusLook {
  glyph: string;
  word: string;
  tone: StatusTone;
}

const LOOKS: Record<string, StatusLook> = {
  running: { glyph: '▶', word: 'Running', tone: 'running' },
  resolving_prerequisites: { glyph: '▶', word: 'Preparing', tone: 'running' },
  pending: { glyph: '…', word: 'Pending', tone: 'pending' },
  completed: { glyph: '✓', word: 'Completed', tone: 'success' },
  completed_partial: { glyph: '◐', word: 'Partly completed', tone: 'warning' },
  failed: { glyph: '✕', word: 'Failed', tone: 'danger' },
  cancelled: { glyph: '⊘', word: 'Cancelled', tone: 'neutral' },
};

export function statusLook(status: string): StatusLook {
  const known = LOOKS[status];
  if (known) return known;
  const words = status.replace(/[_-]+/g, ' ').trim();
  return { glyph: '•', word: words ? words[0]!.toUpperCase() + words.slice(1) : 'Unknown', tone: 'neutral' };
}

export const isActiveStatus = (status: string): boolean =>
  status === 'running' || status === 'resolving_prerequisites' || status === 'pending';

export const isRunningStatus = (status: string): boolean =>
  status === 'running' || status === 'resolving_prerequisites';

export const isTerminalStatus = (status: string): boolean =>
  status === 'completed' || status === 'completed_partial' || status === 'failed' || status === 'cancelled';

/** The server's health in a glyph and words. */
export function healthLook(health: string | null): StatusLook {
  switch (health) {
    case 'online':
      return { glyph: '●', word: 'Online', tone: 'success' };
    case 'degraded':
      return { glyph: '◐', word: 'Degraded', tone: 'warning' };
    case 'offline':
      return { glyph: '○', word: 'Offline', tone: 'danger' };
    case 'auth-failed':
      return { glyph: '⚿', word: 'Sign-in needed', tone: 'danger' };
    case 'connecting':
      return { glyph: '…', word: 'Connecting', tone: 'pending' };
    case 'disabled':
      return { glyph: '–', word: 'Switched off', tone: 'neutral' };
    default:
      return { glyph: '–', word: 'Not polled', tone: 'neutral' };
  }
}
