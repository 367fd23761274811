/**
 * Schemas of what a real CIDX server sends (cidx-api.md, checked against cidx-captures/).
 * Objects are not strict: the server adds fields between versions and we must not break on them.
 */
import { z } from 'zod';

/** Python isoformat() with +00:00 and microseconds, or a Z suffix (cidx-api.md §0). */
const isoTimestamp = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a timestamp');

/**
 * `GET /api/jobs/{id}` and list items (cidx-api.md §2.1). Phase fields are HEAD-only and null in
 * lists. Tolerant where a value can be repaired: progress outside 0..100 is clamped when the job
 * is normalised, a progress that is no number reads as none, and an invalid `started_at` or
 * `completed_at` reads as null. An invalid `created_at` (or a missing id) rejects the job.
 */
export const jobSchema = z.object({
  job_id: z.string().min(1),
  operation_type: z.string(),
  status: z.string(),
  created_at: isoTimestamp,
  started_at: isoTimestamp.nullable().optional().catch(null),
  completed_at: isoTimestamp.nullable().optional().catch(null),
  progress: z.number().nullable().optional().catch(null),
  result: z.unknown().optional(),
  error: z.string().nullable().optional(),
  username: z.string().nullable().optional(),
  current_phase: z.string().nullable().optional(),
  phase_detail: z.string().nullable().optional(),
});
export type JobWire = z.infer<typeof jobSchema>;

/**
 * `GET /api/jobs` (§2.2). HEAD's `total` is capped at limit + active and must never be trusted.
 * Items are checked one by one (`jobSchema`): one unreadable job is dropped, not the whole list.
 */
export const jobListSchema = z.object({
  jobs: z.array(z.unknown()),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

/** `POST /auth/login` (§1.1): either tokens, or HEAD's MFA challenge. */
export const loginSchema = z.union([
  z.object({
    access_token: z.string().min(1),
    token_type: z.string().optional(),
    refresh_token: z.string().min(1).optional(),
    refresh_token_expires_in: z.number().optional(),
    user: z.object({ username: z.string(), role: z.string() }).passthrough().optional(),
  }),
  z.object({ mfa_required: z.literal(true), mfa_token: z.string() }),
]);

/** `POST /api/auth/refresh` (§1.3): the refresh token is rotated on every call. */
export const refreshSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  token_type: z.string().optional(),
  access_token_expires_in: z.number().optional(),
  refresh_token_expires_in: z.number().optional(),
  user: z.object({ username: z.string(), role: z.string() }).passthrough().optional(),
});

/** `POST /api/repositories/{repo}/sync` 202 (§3.1). `progress` is a static placeholder. */
export const syncSubmitSchema = z.object({
  job_id: z.string().min(1),
  status: z.string(),
  repository_id: z.string().optional(),
  created_at: isoTimestamp.optional(),
});

/** Golden refresh 202 (§3.5). `job_id` can be "" in degraded HEAD setups. */
export const jobSubmitSchema = z.object({ job_id: z.string(), message: z.string().optional() });

/** `DELETE /api/jobs/{id}` 200 (§2.4). It does not mean the job is already cancelled. */
export const cancelSchema = z.object({ success: z.boolean(), message: z.string().optional() });

const activatedRepoSchema = z.object({
  user_alias: z.string(),
  golden_repo_alias: z.string().nullable().optional(),
  current_branch: z.string().nullable().optional(),
  activated_at: z.string().nullable().optional(),
  last_accessed: z.string().nullable().optional(),
});

/** `GET /api/repos` (§3.6): HEAD `{repositories, total}`, v5 a bare array. */
export const repoListSchema = z.union([
  z.object({ repositories: z.array(activatedRepoSchema), total: z.number().optional() }),
  z.array(activatedRepoSchema),
]);

/** `GET /health` (§7): authenticated, carries the real version. */
export const healthSchema = z.object({
  status: z.string(),
  version: z.string().optional(),
  maintenance_mode: z.boolean().optional(),
  active_jobs: z.number().optional(),
  uptime: z.number().optional(),
});

/** `GET /healthz` (§7, HEAD only, no auth). */
export const healthzSchema = z.object({ status: z.string() });
