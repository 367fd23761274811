/**
 * Polls at once when the machine wakes, the screen unlocks or the network comes back
 * (design.md: "an immediate poll ... on system resume, unlock and network return").
 * Electron has no "online" event in main, so `net.isOnline()` is checked every 10 s.
 */
import type { Net, PowerMonitor } from 'electron';
import type { Clock, TimerHandle } from '../core/clock';

export const ONLINE_CHECK_MS = 10_000;

export interface PowerHooksDeps {
  powerMonitor: Pick<PowerMonitor, 'on' | 'off'>;
  net: Pick<Net, 'isOnline'>;
  clock: Clock;
  pollNow(): void;
}

export function watchPowerAndNetwork(deps: PowerHooksDeps): () => void {
  const wake = () => deps.pollNow();
  deps.powerMonitor.on('resume', wake);
  deps.powerMonitor.on('unlock-screen', wake);

  let online = deps.net.isOnline();
  let timer: TimerHandle | null = null;
  const check = () => {
    const now = deps.net.isOnline();
    if (now && !online) deps.pollNow();
    online = now;
    timer = deps.clock.setTimeout(check, ONLINE_CHECK_MS);
  };
  timer = deps.clock.setTimeout(check, ONLINE_CHECK_MS);

  return () => {
    deps.powerMonitor.off('resume', wake);
    deps.powerMonitor.off('unlock-screen', wake);
    if (timer !== null) deps.clock.clearTimeout(timer);
  };
}
