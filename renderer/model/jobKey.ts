/** One job across servers: server ids are `[a-z0-9-]`, so '/' cannot collide. */
import type { JobRef } from '../../preload/contract';

export type JobKey = string;

export const jobKey = (ref: JobRef): JobKey => `${ref.serverId}/${ref.jobId}`;

export function refOf(key: JobKey): JobRef {
  const slash = key.indexOf('/');
  return { serverId: key.slice(0, slash), jobId: key.slice(slash + 1) };
}
