/**
 * What the fleet's requests cost with nothing but Node's own HTTP client behind them: the same
 * servers, the same routes at the same rates per server, each answer read and `JSON.parse`d, and
 * nothing else. No client of these servers can poll them at that rate for less, so the fleet case
 * prints it beside the core's figure: what is left above it is the core's own work.
 */
import http from 'node:http';
import { cpuMs, sleep } from './core-world';

export interface FloorTarget {
  url: string;
  apiKey: string;
}

export interface FloorRates {
  listsPerMinute: number;
  getsPerMinute: number;
}

/** One keep-alive GET, read whole and parsed: the least any client does with an answer. */
function getJson(agent: http.Agent, target: FloorTarget, path: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      new URL(path, target.url),
      { agent, headers: { authorization: `Bearer ${target.apiKey}`, accept: 'application/json' } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
  });
}

const firstJobId = (page: unknown): string | null => {
  const jobs = (page as { jobs?: { job_id?: unknown }[] } | null)?.jobs;
  const id = jobs?.[0]?.job_id;
  return typeof id === 'string' ? id : null;
};

/**
 * Polls every target at `rates` for `seconds` and returns the process CPU it took as a share of
 * one core. Each server gets its own timer, like the engine's pollers; a GET asks for the newest
 * job its last list showed.
 */
export async function measureTransportFloor(
  targets: readonly FloorTarget[],
  rates: FloorRates,
  seconds: number,
): Promise<{ share: number; requests: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  let requests = 0;
  let failure: unknown = null;
  const timers: NodeJS.Timeout[] = [];
  const start = (
    target: FloorTarget,
    perMinute: number,
    kind: 'list' | 'get',
    state: { jobId: string | null },
  ) => {
    if (perMinute <= 0) return;
    timers.push(
      setInterval(() => {
        // A GET before any list answered asks for the list instead: there is no job id yet.
        const listing = kind === 'list' || state.jobId === null;
        const path = listing ? '/api/jobs?limit=50' : `/api/jobs/${state.jobId}`;
        requests += 1;
        getJson(agent, target, path).then(
          (body) => {
            if (listing) state.jobId = firstJobId(body) ?? state.jobId;
          },
          (error: unknown) => {
            failure ??= error;
          },
        );
      }, 60_000 / perMinute),
    );
  };
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  for (const target of targets) {
    const state = { jobId: null };
    start(target, rates.listsPerMinute, 'list', state);
    start(target, rates.getsPerMinute, 'get', state);
  }
  await sleep(seconds * 1000);
  for (const timer of timers) clearInterval(timer);
  const cpu = cpuMs(process.cpuUsage(cpuStart));
  const wallMs = performance.now() - wallStart;
  agent.destroy();
  if (failure !== null) throw new Error(`the transport floor's requests failed: ${String(failure)}`);
  return { share: cpu / wallMs, requests };
}
