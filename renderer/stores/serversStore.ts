/** The configured servers and their health, in the order the settings file keeps them. */
import { create } from 'zustand';
import { oldestSuccessAt } from '../../preload/data-age';
import type { ServerSnapshot } from './types';

interface ServersState {
  servers: ServerSnapshot[];
}

interface ServersActions {
  replaceAll(servers: ServerSnapshot[]): void;
  upsert(server: ServerSnapshot): void;
  remove(serverId: string): void;
  /** The heartbeat: these servers' polls succeeded at these times and changed nothing else. */
  polled(times: Record<string, number>): void;
  reset(): void;
}

const defaults: ServersState = { servers: [] };

export const useServersStore = create<ServersState & ServersActions>()((set) => ({
  ...defaults,
  replaceAll: (servers) => set({ servers }),
  upsert: (server) =>
    set((state) => {
      const index = state.servers.findIndex((s) => s.config.id === server.config.id);
      if (index === -1) return { servers: [...state.servers, server] };
      const servers = state.servers.slice();
      servers[index] = server;
      return { servers };
    }),
  remove: (serverId) => set((state) => ({ servers: state.servers.filter((s) => s.config.id !== serverId) })),
  polled: (times) =>
    set((state) => ({
      servers: state.servers.map((server) => {
        const at = times[server.config.id];
        if (at === undefined || !server.state) return server;
        return { ...server, state: { ...server.state, lastSuccessAt: at, lastAttemptAt: at } };
      }),
    })),
  reset: () => set(defaults),
}));

/** How old the data on screen is: the oldest last successful poll of the enabled servers. */
export const selectOldestSuccessAt = (state: ServersState): number | null => oldestSuccessAt(state.servers);

/** A server's display name, or its id while it is unknown. */
export const selectServerName =
  (serverId: string) =>
  (state: ServersState): string =>
    state.servers.find((s) => s.config.id === serverId)?.config.name ?? serverId;
