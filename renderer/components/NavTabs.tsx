/**
 * The views as tabs (WAI-ARIA tabs pattern): arrow keys move between them, Home/End jump,
 * only the selected tab is in the Tab order.
 */
import { useRef, type KeyboardEvent } from 'react';
import { useUiStore, type ViewName } from '../stores/uiStore';

export const VIEWS: { name: ViewName; label: string }[] = [
  { name: 'jobs', label: 'Jobs' },
  { name: 'sync', label: 'Sync' },
  { name: 'servers', label: 'Servers' },
  { name: 'settings', label: 'Settings' },
];

export const tabId = (view: ViewName) => `tab-${view}`;
export const panelId = (view: ViewName) => `panel-${view}`;

export function NavTabs() {
  const view = useUiStore((s) => s.view);
  const setView = useUiStore((s) => s.setView);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = VIEWS.findIndex((v) => v.name === view);
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowRight: current + 1,
      ArrowUp: current - 1,
      ArrowLeft: current - 1,
      Home: 0,
      End: VIEWS.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const index = (target + VIEWS.length) % VIEWS.length;
    setView(VIEWS[index]!.name);
    tabs.current[index]?.focus();
  };

  return (
    <div role="tablist" aria-label="Views" aria-orientation="vertical" className="nav" onKeyDown={onKeyDown}>
      {VIEWS.map((v, index) => (
        <button
          key={v.name}
          ref={(el) => {
            tabs.current[index] = el;
          }}
          type="button"
          role="tab"
          id={tabId(v.name)}
          aria-selected={view === v.name}
          aria-controls={panelId(v.name)}
          tabIndex={view === v.name ? 0 : -1}
          onClick={() => setView(v.name)}
        >
          {v.label}
        </button>
      ))}
    </div>
  );
}
