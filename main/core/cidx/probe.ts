/**
 * Flavour, version and a credentials check in one go (cidx-api.md §7): `GET /healthz` needs no
 * auth and exists only on HEAD (v5 answers 404), then the authenticated `GET /health` carries
 * the real version (openapi.json's version is meaningless).
 */
import type { z } from 'zod';
import { cleanName, cleanOptional, MAX_NAME_LENGTH } from '../text/clean-text';
import type { Result } from '../result';
import { err, ok } from '../result';
import type { ServerFlavor, ServerInfo } from './api';
import type { AuthProvider } from './auth';
import type { CidxFailure } from './failure';
import type { Decoded, HttpAnswer, HttpRequest, HttpSession } from './http';
import { healthSchema, healthzSchema } from './schemas';

type AuthedCall = <S extends z.ZodType>(
  request: Omit<HttpRequest, 'bearer'>,
  schema: S,
) => Promise<Result<Decoded<z.infer<S>>, CidxFailure>>;

/** HEAD's `/healthz` answers 200 or 503 with `{status}`; v5 has no such route. */
function flavorFromHealthz(answer: HttpAnswer): ServerFlavor | null {
  if (answer.status === 404) return 'v5';
  if (answer.status !== 200 && answer.status !== 503) return null;
  try {
    return healthzSchema.safeParse(JSON.parse(answer.text)).success ? 'head' : null;
  } catch {
    return null;
  }
}

/** Fallback when `/healthz` was inconclusive (a proxy in front, say). */
function flavorFromVersion(version: string | undefined): ServerFlavor {
  const major = Number.parseInt(version ?? '', 10);
  return Number.isFinite(major) && major <= 5 ? 'v5' : 'head';
}

export async function probeServer(
  http: HttpSession,
  auth: AuthProvider,
  authed: AuthedCall,
): Promise<Result<ServerInfo, CidxFailure>> {
  const healthz = await http.send({ method: 'GET', path: '/healthz' });
  if (!healthz.ok) return healthz;
  const detected = flavorFromHealthz(healthz.value);
  // Do not send an API key to a server that cannot know it (§1.4: v5 has no API keys).
  if (detected === 'v5' && auth.kind === 'api-key') {
    return err({
      kind: 'bad-credentials',
      message:
        'This server runs CIDX 5, which has no API keys; sign in with a user name and password instead.',
    });
  }
  const health = await authed({ method: 'GET', path: '/health' }, healthSchema);
  if (!health.ok) return health;
  const body = health.value.value;
  const who = auth.identity();
  return ok({
    flavor: detected ?? flavorFromVersion(body.version),
    version: cleanOptional(body.version, MAX_NAME_LENGTH),
    healthStatus: cleanName(body.status),
    username: who.username,
    role: who.role,
    ...(body.maintenance_mode === undefined ? {} : { maintenanceMode: body.maintenance_mode }),
  });
}
