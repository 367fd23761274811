/**
 * The notification center of the running app: its exactly-once ledger beside config.json, the
 * live notification settings, and readable names (server, signed-in user, repository).
 */
import type { JobRef } from '../jobs/tracked-job';
import type { NotificationLedgerStore } from '../notify/notification-ledger';
import type { NotificationCenter } from '../notify/notification-center';
import { createNotificationCenter } from '../notify/notification-center';
import type { CoreContext } from './core-context';
import { viewFor } from './live-servers';

export function createCenter(
  ctx: CoreContext,
  ledgerStore: NotificationLedgerStore,
  /** Jobs followed at start from the submission ledger (monitor.ts): their missed endings are catch-up. */
  endedWhileAway?: (ref: JobRef) => boolean,
): NotificationCenter {
  const { deps } = ctx;
  const serverOf = (serverId: string) => ctx.document.servers.find((server) => server.id === serverId);
  return createNotificationCenter({
    clock: deps.clock,
    ledgerStore,
    endedWhileAway,
    settings: () => ctx.document.settings.notifications,
    deliver: (intent) => {
      try {
        return deps.deliverNotification(intent);
      } catch (error) {
        ctx.reportError(error, 'delivering a notification');
        return undefined;
      }
    },
    lookups: {
      serverName: (serverId) => serverOf(serverId)?.name ?? serverId,
      signedInUser: (serverId) => {
        const server = serverOf(serverId);
        return server ? viewFor(server, ctx.identities.get(serverId)).username : null;
      },
      submission: (ref) => ctx.ledger.get(ref),
      role: (serverId) => ctx.identities.get(serverId)?.role ?? null,
    },
  });
}
