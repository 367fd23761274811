/**
 * The serializable form of the job store, so a host can persist known jobs and seed the engine
 * after a restart (a job known running before the app went away ends up in the digest).
 */
import { z } from 'zod';

export const snapshotJobSchema = z.object({
  id: z.string().min(1),
  operationType: z.string(),
  status: z.string(),
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  completedAt: z.number().nullable(),
  progress: z.number().min(0).max(100),
  result: z.unknown(),
  error: z.string().nullable(),
  username: z.string().nullable(),
  phase: z.string().nullable(),
  phaseDetail: z.string().nullable(),
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
