/**
 * Case `idle-wire`: what an idle core sends a browser-mode page. The core polls a HEAD double
 * (its own process, no jobs but HEAD's finished startup system jobs, which the default view
 * hides) over HTTP with the real client; every patch would go to the page as one WebSocket
 * message, `{ type: 'event', channel: 'core:patch', payload: patch }` (main/host/websocket-bridge.ts),
 * whose bytes are counted here.
 *
 * The idle interval is set to its minimum (5 s) to see many polls in a short window; the window
 * starts half-way between two polls and spans whole intervals, so each poll in it counts once.
 * Figures are scaled to a minute at the measured interval and at the default 15 s.
 */
import { systemClock } from '../../main/core/clock';
import { DoublesProcess, LIST_ROUTE } from './core-doubles-client';
import type { CaseReport } from './core-report';
import { int } from './core-report';
import {
  apiKeyServer,
  carriesSummary,
  createCoreRig,
  patchBytes,
  patchParts,
  sleep,
  wireBytes,
} from './core-world';

const IDLE_INTERVAL_MS = 5_000;
const DEFAULT_IDLE_INTERVAL_MS = 15_000;
const HEARTBEAT_MAX_BYTES = 100;

export async function runIdleWireCase(
  options: { seconds: number },
  progress: (line: string) => void,
): Promise<CaseReport> {
  const intervals = Math.max(1, Math.round((options.seconds * 1000) / IDLE_INTERVAL_MS));
  const windowMs = intervals * IDLE_INTERVAL_MS;
  progress(
    `idle-wire: one idle HEAD double, idle poll every ${IDLE_INTERVAL_MS / 1000} s, ${windowMs / 1000} s window...`,
  );
  const doubles = await DoublesProcess.start({
    servers: 1,
    workerPoolSize: 5,
    history: 0,
    historySpanMs: 0,
    seed: 1,
  });
  const double = doubles.doubles[0]!;
  const serverId = 'idle';
  const servers = 1;
  let kept: unknown[] = [];
  let polls = 0;
  let requests = 0;
  let warnings: string[] = [];
  try {
    const rig = await createCoreRig({
      clock: systemClock,
      servers: [apiKeyServer(serverId, double.url)],
      apiKeys: { [serverId]: double.apiKey },
      settings: { polling: { idleIntervalMs: IDLE_INTERVAL_MS } },
    });
    try {
      await doubles.resetStats();
      rig.core.start();
      // Past the first poll (probe, catch-up) and one idle poll, then half an interval on.
      await doubles.waitForLists(2, 3 * IDLE_INTERVAL_MS);
      await sleep(IDLE_INTERVAL_MS / 2);
      await doubles.resetStats();
      rig.patches.kept = [];
      rig.patches.keep = true;
      await sleep(windowMs);
      rig.patches.keep = false;
      const [stats] = await doubles.stats();
      polls = stats?.byRoute[LIST_ROUTE] ?? 0;
      requests = stats?.total ?? 0;
      kept = rig.patches.kept;
      rig.patches.kept = [];
      warnings = [...rig.warnings];
    } finally {
      rig.close();
    }
  } finally {
    await doubles.close();
  }

  const perMinute = (value: number) => (value * 60_000) / windowMs;
  const bytes = kept.map(wireBytes);
  const totalBytes = bytes.reduce((sum, value) => sum + value, 0);
  const payloadBytes = kept.reduce<number>((sum, patch) => sum + patchBytes(patch), 0);
  const largest = bytes.length > 0 ? Math.max(...bytes) : 0;
  const summaries = kept.filter(carriesSummary).length;
  const kinds = new Map<string, { count: number; bytes: number }>();
  kept.forEach((patch, index) => {
    const label = patchParts(patch).join('+');
    const entry = kinds.get(label) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += bytes[index] ?? 0;
    kinds.set(label, entry);
  });
  const pollsPerServer = polls / servers;
  const messagesPerPoll = pollsPerServer > 0 ? kept.length / servers / pollsPerServer : NaN;
  const bytesPerPoll = pollsPerServer > 0 ? totalBytes / servers / pollsPerServer : NaN;
  const atDefault = (bytesPerPoll * servers * 60_000) / DEFAULT_IDLE_INTERVAL_MS;
  const measured = polls > 0;

  return {
    id: 'idle-wire',
    title: 'what an idle core sends a browser page',
    rows: [
      {
        case: 'idle-wire',
        measure: `bytes per idle minute (1 server, poll every ${IDLE_INTERVAL_MS / 1000} s)`,
        value: `${int(perMinute(totalBytes))} B/min, ${perMinute(kept.length).toFixed(1)} messages/min (${int(atDefault)} B/min at the default ${DEFAULT_IDLE_INTERVAL_MS / 1000} s)`,
        target: null,
        met: null,
      },
      {
        case: 'idle-wire',
        measure: 'per poll per server',
        value: measured
          ? `${messagesPerPoll.toFixed(2)} messages, ${int(bytesPerPoll)} B (largest message ${int(largest)} B)`
          : 'no poll measured',
        target: `<= 1 heartbeat < ${HEARTBEAT_MAX_BYTES} B`,
        met: measured ? messagesPerPoll <= 1 && largest < HEARTBEAT_MAX_BYTES : null,
      },
      {
        case: 'idle-wire',
        measure: 'summary messages when only the poll time changed',
        value: `${summaries} in ${polls} polls`,
        target: 'none',
        met: measured ? summaries === 0 : null,
      },
    ],
    details: [
      `window ${windowMs / 1000} s: ${polls} polls (${requests} requests) at the double; ${kept.length} messages, ${int(totalBytes)} B on the wire (${int(payloadBytes)} B of patch JSON)`,
      `messages by content: ${[...kinds].map(([kind, entry]) => `${kind} ${entry.count} x ~${int(entry.bytes / entry.count)} B`).join(', ') || 'none'}`,
      ...(warnings.length > 0 ? [`core warnings: ${warnings.slice(0, 3).join(' | ')}`] : []),
    ],
    data: {
      windowMs,
      polls,
      requests,
      messages: kept.length,
      wireBytes: totalBytes,
      payloadBytes,
      largestMessageBytes: largest,
      summaryMessages: summaries,
      bytesPerMinute: perMinute(totalBytes),
      messagesPerMinute: perMinute(kept.length),
      bytesPerPollPerServer: bytesPerPoll,
      messagesPerPollPerServer: messagesPerPoll,
      bytesPerMinuteAtDefaultInterval: atDefault,
      kinds: Object.fromEntries(kinds),
    },
  };
}
