/**
 * How old the data on screen is: the oldest last successful poll of the enabled servers. Shared
 * by the tray tooltip (main) and the window (renderer), which both hold the servers' states.
 * Never let stale data pass for fresh (users.md, complaint 1).
 */
export interface PolledServer {
  config: { id: string; enabled: boolean };
  state: { lastSuccessAt: number | null } | null;
}

/** Null until an enabled server has answered; servers that never answered are listed by `serversNeverPolled`. */
export function oldestSuccessAt(servers: readonly PolledServer[]): number | null {
  let oldest: number | null = null;
  for (const server of servers) {
    if (!server.config.enabled) continue;
    const at = server.state?.lastSuccessAt ?? null;
    if (at === null) continue;
    if (oldest === null || at < oldest) oldest = at;
  }
  return oldest;
}

/** Enabled servers that have never answered a poll. */
export function serversNeverPolled(servers: readonly PolledServer[]): string[] {
  return servers
    .filter((server) => server.config.enabled && (server.state?.lastSuccessAt ?? null) === null)
    .map((server) => server.config.id);
}
