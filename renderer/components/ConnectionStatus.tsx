/** Whether the window is in touch with the app (browser mode reconnects), and resyncs. */
import type { ConnectionState } from '../bridge/connectionState';
import { useProjectionStore } from '../stores/projectionStore';

const CONNECTION_WORDS: Record<Exclude<ConnectionState, 'connected'>, string> = {
  connecting: 'Connecting to CIDX Tray…',
  reconnecting: 'Connection to CIDX Tray lost; reconnecting…',
  disconnected: 'Disconnected from CIDX Tray. The data shown may be out of date.',
  // The window explains these two and what to do (views/AccessRefused.tsx).
  'no-token': 'Not connected to CIDX Tray: this page has no access token.',
  'token-refused': 'Not connected to CIDX Tray: its access token was refused.',
};

export function ConnectionStatus() {
  const connection = useProjectionStore((s) => s.connection);
  const status = useProjectionStore((s) => s.status);
  const loadError = useProjectionStore((s) => s.loadError);
  let text: string | null = null;
  if (connection !== 'connected') text = CONNECTION_WORDS[connection];
  else if (status === 'resyncing') text = 'Catching up with the app…';
  else if (status === 'failed')
    text = `Could not load the app's state: ${loadError ?? 'unknown error'}. Trying again.`;
  return (
    <div
      role="status"
      aria-label="Connection"
      className={text ? 'connection connection--problem' : 'connection'}
    >
      {text ?? <span className="visually-hidden">Connected</span>}
    </div>
  );
}
