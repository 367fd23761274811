import type { CidxControl } from '../control';
import type { FaultInput } from '../faults/fault-rules';
import { json } from '../http/respond';
import type { RequestContext, Router } from '../http/router';
import type { ScriptedJob, SyncBehaviour } from '../types';

function bodyOf(request: RequestContext): Record<string, unknown> {
  if (request.bodyText.trim() === '') return {};
  const value: unknown = JSON.parse(request.bodyText);
  if (value === null || typeof value !== 'object') throw new Error('control bodies are JSON objects');
  return value as Record<string, unknown>;
}

const ok = (extra: Record<string, unknown> = {}) => json(200, { ok: true, ...extra });

/** `/__control/...`: the test-only JSON API; no CIDX route lives under this prefix. */
export function registerControlRoutes(router: Router, control: CidxControl): void {
  router.add('GET', '/__control/state', () => json(200, control.state()));
  router.add('GET', '/__control/credentials', () => json(200, control.credentials()));
  router.add('GET', '/__control/jobs/{job_id}', (r) => {
    const job = control.job(r.params.job_id ?? '');
    return job ? json(200, job) : json(404, { error: 'no such job' });
  });
  router.add('POST', '/__control/jobs', (r) => {
    const body = bodyOf(r);
    const jobs = (Array.isArray(body.jobs) ? body.jobs : [body]) as ScriptedJob[];
    return ok({ job_ids: jobs.map((job) => control.addJob(job) ?? null) });
  });
  router.add('POST', '/__control/jobs/{job_id}/cancel', (r) =>
    ok({ cancelled: control.cancelJob(r.params.job_id ?? '') }),
  );
  router.add('POST', '/__control/faults', (r) =>
    json(201, control.addFault(bodyOf(r) as unknown as FaultInput)),
  );
  router.add('GET', '/__control/faults', () => json(200, control.state().faults));
  router.add('DELETE', '/__control/faults', () => {
    control.clearFaults();
    return ok();
  });
  router.add('DELETE', '/__control/faults/{id}', (r) =>
    ok({ removed: control.removeFault(r.params.id ?? '') }),
  );
  router.add('POST', '/__control/tokens/expire', (r) => {
    control.expireAllTokens({ refreshTokens: bodyOf(r).refreshTokens === true });
    return ok();
  });
  router.add('POST', '/__control/restart', () => {
    control.restart();
    return ok();
  });
  router.add('POST', '/__control/maintenance', (r) => {
    control.setMaintenanceMode(bodyOf(r).enabled === true);
    return ok();
  });
  router.add('POST', '/__control/admission', (r) => {
    control.setAdmissionBlocked(bodyOf(r).blocked === true);
    return ok();
  });
  router.add('POST', '/__control/repos/{alias}/next-sync', (r) => {
    control.setNextSyncOutcome(
      r.params.alias ?? '',
      bodyOf(r) as SyncBehaviour & { owner?: string; count?: number },
    );
    return ok();
  });
  router.add('POST', '/__control/repos/{alias}/sync-defaults', (r) => {
    const { owner, ...behaviour } = bodyOf(r) as SyncBehaviour & { owner?: string };
    return ok({ updated: control.setRepoSyncDefaults(r.params.alias ?? '', behaviour, owner) });
  });
  router.add('GET', '/__control/stats', () => json(200, control.stats()));
  router.add('DELETE', '/__control/stats', () => {
    control.resetStats();
    return ok();
  });
  router.add('POST', '/__control/clock/advance', (r) => {
    control.advanceClock(Number(bodyOf(r).ms ?? 0));
    return ok({ now: control.clock.now() });
  });
}
