/**
 * The serializable form of the job store, so a host can persist known jobs and seed the engine
 * after a restart (a job known running before the app went away ends up in the digest).
 */
import { z } from 'zod';
import { cleanJsonValue, cleanName, cleanOptional, MAX_NAME_LENGTH } from '../text/clean-text';

/**
 * The job cache is a second way server text enters the app (a file an older version wrote, or
 * one edited by hand): its strings go through the same cleaner as the client's answers.
 */
const name = z.string().transform(cleanName);
const optionalName = z
  .string()
  .nullable()
  .transform((text) => cleanOptional(text, MAX_NAME_LENGTH));
const optionalText = z
  .string()
  .nullable()
  .transform((text) => cleanOptional(text));

export const snapshotJobSchema = z.object({
  id: z.string().min(1).transform(cleanName),
  operationType: name,
  status: name,
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  completedAt: z.number().nullable(),
  progress: z.number().min(0).max(100),
  result: z.unknown().transform((value) => (value === undefined ? null : cleanJsonValue(value))),
  error: optionalText,
  username: optionalName,
  phase: optionalName,
  phaseDetail: optionalText,
});

export const trackedJobSnapshotSchema = z.object({
  serverId: z.string().min(1),
  job: snapshotJobSchema,
  firstSeenAt: z.number(),
  lastActivityAt: z.number(),
  acknowledged: z.boolean(),
});

export const jobStoreSnapshotSchema = z.object({
  version: z.literal(1),
  jobs: z.array(trackedJobSnapshotSchema),
  /** The last fully successful poll per server, for the data age and to seed the engine. */
  servers: z.array(z.object({ serverId: z.string().min(1), lastSuccessAt: z.number().nullable() })),
});

export type JobStoreSnapshot = z.infer<typeof jobStoreSnapshotSchema>;

export const emptyJobStoreSnapshot = (): JobStoreSnapshot => ({ version: 1, jobs: [], servers: [] });

/**
 * The job cache with the active-jobs file laid over it (monitor/housekeeping.ts): the cache is
 * written at most every minute, the unfinished jobs within seconds. A job only the active file
 * knows (new since the cache was written) joins it; for a job both know, the cache is as new or
 * newer (the active file is emptied each time the cache is written), and the first poll
 * corrects either.
 */
export function withActiveJobs(cache: unknown, active: unknown): unknown {
  const recent = jobStoreSnapshotSchema.safeParse(active);
  if (!recent.success || recent.data.jobs.length === 0) return cache;
  if (cache === null || cache === undefined) return { ...recent.data, jobs: recent.data.jobs };
  // The cache is validated by the store's restore (a broken one is reported there), not here:
  // read just enough of it, without a second pass of the schema over thousands of jobs.
  const jobs: unknown = (cache as { jobs?: unknown }).jobs;
  if (!Array.isArray(jobs)) return cache;
  const keyOf = (serverId: unknown, jobId: unknown) => `${String(serverId)}\u0000${String(jobId)}`;
  const known = new Set(
    jobs.map((entry: { serverId?: unknown; job?: { id?: unknown } }) =>
      keyOf(entry?.serverId, entry?.job?.id),
    ),
  );
  const added = recent.data.jobs.filter((tracked) => !known.has(keyOf(tracked.serverId, tracked.job.id)));
  return { ...(cache as object), jobs: [...jobs, ...added] };
}
