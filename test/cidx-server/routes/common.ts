import { authenticate, requireAdmin } from '../auth/authenticate';
import type { UserAccount } from '../auth/users';
import { parseJsonBody } from '../http/body';
import { json, type HttpResponse } from '../http/respond';
import type { RequestContext, RouteHandler } from '../http/router';
import { validationError, type FieldError } from '../http/validation';
import type { ServerState } from '../state';

export type AuthedHandler = (
  request: RequestContext,
  user: UserAccount,
) => HttpResponse | Promise<HttpResponse>;

/** Wraps a handler behind Bearer authentication (and optionally the admin role). */
export function authed(state: ServerState, handler: AuthedHandler, adminOnly = false): RouteHandler {
  return (request) => {
    const auth = authenticate(state.auth, request.headers);
    if (!auth.ok) return auth.response;
    if (adminOnly) {
      const denied = requireAdmin(auth.user);
      if (denied) return denied;
    }
    return handler(request, auth.user);
  };
}

/** Parses a JSON object body, or yields the CIDX 422 response. */
export function readBody(
  state: ServerState,
  request: RequestContext,
  optionalModel: boolean,
): { ok: true; body: Record<string, unknown> } | { ok: false; response: HttpResponse } {
  const parsed = parseJsonBody(request.bodyText, optionalModel);
  if (parsed.ok) return parsed;
  return { ok: false, response: validationError(state.clock.now(), parsed.errors) };
}

/** Pydantic-style optional boolean fields; collects `bool_parsing` errors. */
export function readBooleans(
  body: Record<string, unknown>,
  defaults: Record<string, boolean>,
  errors: FieldError[],
): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const [name, fallback] of Object.entries(defaults)) {
    const value = body[name];
    if (value === undefined || value === null) out[name] = fallback;
    else if (typeof value === 'boolean') out[name] = value;
    else if (value === 'true' || value === 1) out[name] = true;
    else if (value === 'false' || value === 0) out[name] = false;
    else {
      errors.push({
        loc: ['body', name],
        msg: 'Input should be a valid boolean, unable to interpret input',
        type: 'bool_parsing',
        input: value,
      });
      out[name] = fallback;
    }
  }
  return out;
}

export function accepted(value: unknown): HttpResponse {
  return json(202, value);
}
