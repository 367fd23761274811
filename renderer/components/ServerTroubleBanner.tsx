/**
 * One banner per enabled server in trouble, on the Jobs view: its name and health, the reason in
 * words (the server's text, rendered as text), how old its data is, and, when the server asked
 * us to wait (429/503 `Retry-After`), until when polling is paused. Nothing when all is well.
 *
 * An accessible region rather than a live one: the data ages tick every few seconds and would
 * otherwise be read out again and again.
 */
import { useNow } from '../hooks/useNow';
import { formatTimeOfDay, rateLimitedUntil, serversInTrouble } from '../model/serverTrouble';
import { healthLook } from '../model/status';
import { useServersStore } from '../stores/serversStore';
import type { ServerSnapshot } from '../stores/types';
import { DataAge } from './DataAge';
import { ServerText } from './ServerText';
import { StatusBadge } from './StatusBadge';

export function ServerTroubleBanner() {
  const servers = useServersStore((s) => s.servers);
  const now = useNow();
  const troubled = serversInTrouble(servers, now);
  if (troubled.length === 0) return null;
  return (
    <section className="server-trouble" aria-label="Servers in trouble">
      {troubled.map((server) => (
        <ServerTrouble key={server.config.id} server={server} now={now} />
      ))}
    </section>
  );
}

function ServerTrouble({ server, now }: { server: ServerSnapshot; now: number }) {
  const { config, state } = server;
  const look = healthLook(state?.health ?? null);
  const until = rateLimitedUntil(server, now);
  const tone = look.tone === 'danger' ? 'failure' : 'warning';
  return (
    <div className={`server-trouble__item ${tone}`} role="group" aria-label={`${config.name}: ${look.word}`}>
      <strong>{config.name}</strong> <StatusBadge look={look} />
      {state?.lastError && (
        <>
          {' — '}
          <ServerText text={state.lastError.message} className="server-trouble__reason" />
        </>
      )}
      {' · '}
      <DataAge at={state?.lastSuccessAt ?? null} label="Last answered" />
      {until !== null && (
        <>
          {' · '}
          <span className="server-trouble__until">paused by the server until {formatTimeOfDay(until)}</span>
        </>
      )}
    </div>
  );
}
