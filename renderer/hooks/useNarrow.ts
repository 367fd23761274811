/**
 * Whether the window is narrow: a tray window squeezed to 420 px, a browser tab on half a
 * phone. Then each row stacks its cells in two bands and the job detail takes the whole view.
 * CSS does the stacking (the same width in app.css's media query); JS needs to know only for
 * what CSS cannot decide: the virtual list's row height and which pane is shown.
 */
import { useSyncExternalStore } from 'react';

/** Keep in step with the `@media (max-width: 640px)` block of renderer/styles/app.css. */
export const NARROW_QUERY = '(max-width: 640px)';

function subscribe(listener: () => void): () => void {
  const query = window.matchMedia(NARROW_QUERY);
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}

const isNarrow = (): boolean => window.matchMedia(NARROW_QUERY).matches;

export function useNarrow(): boolean {
  return useSyncExternalStore(subscribe, isNarrow);
}
