/**
 * THE contract between main and renderer (design.md): every request and event, typed in one
 * place, with the schema main validates each request payload against. The Electron preload
 * (IPC) and browser mode (WebSocket) carry exactly this contract; the renderer sees only it.
 *
 * Compile-time checks: `RequestContract` and `EventContract` must have an entry for every
 * channel in channels.ts and nothing else, and `requestSchemas` must have a schema per channel
 * whose parsed type is that channel's request type (see the `Exact…` assertions at the end).
 */
import { z } from 'zod';
import type { EventChannel, RequestChannel } from './channels';
import { authConfigSchema, tlsConfigSchema, type ServerConfig } from './server-config';
import type { AppSettings, MonitorPatch, MonitorSnapshot, Repository, ServerInfo } from './views';

export { EVENT_CHANNELS, REQUEST_CHANNELS, type EventChannel, type RequestChannel } from './channels';

/** Job ids come from servers, cleaned and bounded to 256 characters (main/core/text/clean-text). */
const id = z.string().min(1).max(256);
const jobRefSchema = z.object({ serverId: id, jobId: id }).strict();
export type JobRef = z.infer<typeof jobRefSchema>;

/** What a person types for a server: never an id (main makes one) and never a refresh token. */
const credentialsSchema = z
  .object({ apiKey: z.string().min(1).max(512).optional(), password: z.string().min(1).max(1000).optional() })
  .strict();
const serverFieldsSchema = z
  .object({
    name: z.string().min(1).max(100),
    url: z.string().min(1).max(2048),
    auth: authConfigSchema,
    tls: tlsConfigSchema.partial().optional(),
    showAllUsers: z.boolean().optional(),
    showSystemJobs: z.boolean().optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
const serverDraftSchema = z.object({ server: serverFieldsSchema, credentials: credentialsSchema }).strict();
export type ServerDraft = z.infer<typeof serverDraftSchema>;

const syncOptionsSchema = z
  .object({ force: z.boolean(), fullReindex: z.boolean(), incremental: z.boolean(), pullRemote: z.boolean() })
  .partial()
  .strict();

/** Settings changes are validated in depth by the core against the whole settings schema. */
const settingsPatchSchema = z.record(z.string().max(64), z.unknown());

const none = z.null();

export const requestSchemas = {
  'snapshot:get': none,
  'servers:add': serverDraftSchema,
  'servers:update': z
    .object({ id, patch: serverFieldsSchema.partial(), credentials: credentialsSchema.optional() })
    .strict(),
  'servers:remove': z.object({ id }).strict(),
  'servers:test': serverDraftSchema,
  'servers:repositories': z.object({ serverId: id }).strict(),
  'jobs:sync': z
    .object({ serverId: id, repository: z.string().min(1).max(255), options: syncOptionsSchema.optional() })
    .strict(),
  'jobs:cancel': jobRefSchema,
  'jobs:retry': jobRefSchema,
  /** One job, one server's failures, or (null) every failure. */
  'jobs:acknowledge': z.union([jobRefSchema, z.object({ serverId: id }).strict(), none]),
  'jobs:focus': z.object({ serverId: id, jobIds: z.array(id).max(200) }).strict(),
  'settings:get': none,
  'settings:update': settingsPatchSchema,
  'open:job': jobRefSchema,
  'open:server': z.object({ serverId: id }).strict(),
  'notifications:test': none,
  'app:info': none,
  'app:quit': none,
} satisfies Record<RequestChannel, z.ZodType>;

export interface AppInfo {
  version: string;
  /** Which host serves this renderer. */
  host: 'electron' | 'browser';
  platform: string;
}

export interface Submission {
  serverId: string;
  jobId: string;
}

type RequestOf<C extends RequestChannel> = z.infer<(typeof requestSchemas)[C]>;

/** Every request: its payload (from its schema) and what a success carries. */
export interface RequestContract {
  'snapshot:get': { request: RequestOf<'snapshot:get'>; response: MonitorSnapshot };
  'servers:add': { request: RequestOf<'servers:add'>; response: ServerConfig };
  'servers:update': { request: RequestOf<'servers:update'>; response: ServerConfig };
  'servers:remove': { request: RequestOf<'servers:remove'>; response: null };
  'servers:test': { request: RequestOf<'servers:test'>; response: ServerInfo };
  'servers:repositories': { request: RequestOf<'servers:repositories'>; response: Repository[] };
  'jobs:sync': { request: RequestOf<'jobs:sync'>; response: Submission };
  'jobs:cancel': { request: RequestOf<'jobs:cancel'>; response: null };
  'jobs:retry': { request: RequestOf<'jobs:retry'>; response: Submission };
  'jobs:acknowledge': { request: RequestOf<'jobs:acknowledge'>; response: null };
  'jobs:focus': { request: RequestOf<'jobs:focus'>; response: null };
  'settings:get': { request: RequestOf<'settings:get'>; response: AppSettings };
  'settings:update': { request: RequestOf<'settings:update'>; response: AppSettings };
  'open:job': { request: RequestOf<'open:job'>; response: null };
  'open:server': { request: RequestOf<'open:server'>; response: null };
  'notifications:test': { request: RequestOf<'notifications:test'>; response: null };
  'app:info': { request: RequestOf<'app:info'>; response: AppInfo };
  'app:quit': { request: RequestOf<'app:quit'>; response: null };
}

/** Every event main sends: versioned core patches, and "show this job" (a notification click). */
export interface EventContract {
  'core:patch': MonitorPatch;
  'app:show-job': JobRef;
}

/** Why a request failed, in words: a server's answer, a bad payload, or a refused sender. */
export interface ContractFailure {
  kind: string;
  message: string;
}

/** Requests never throw across the boundary: they answer with a value (style.md §15). */
export type ContractResult<T> = { ok: true; value: T } | { ok: false; error: ContractFailure };

export type RequestPayload<C extends RequestChannel> = RequestContract[C]['request'];
export type ResponseValue<C extends RequestChannel> = RequestContract[C]['response'];

/** Validates a request payload; the failure names the problem, never echoes the (maybe secret) value. */
export function parseRequest<C extends RequestChannel>(
  channel: C,
  payload: unknown,
): ContractResult<RequestPayload<C>> {
  const schema = requestSchemas[channel] as z.ZodType<RequestPayload<C>>;
  const parsed = schema.safeParse(payload);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return {
    ok: false,
    error: {
      kind: 'invalid-request',
      message: `Invalid ${channel} request${where}: ${issue?.message ?? 'bad shape'}`,
    },
  };
}

// ---- compile-time exhaustiveness: a channel without a contract (or a stray contract) fails to build.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const requestsCovered: Exact<keyof RequestContract, RequestChannel> = true;
const eventsCovered: Exact<keyof EventContract, EventChannel> = true;
void requestsCovered;
void eventsCovered;
