import { detail, json } from '../http/respond';
import type { Router } from '../http/router';
import type { ServerState } from '../state';
import { isoUtc } from '../timestamps';
import { authed, readBody } from './common';

/** HEAD API keys (cidx-api.md §1.4); v5 has none, so these routes 404 there. */
export function registerApiKeyRoutes(router: Router, state: ServerState): void {
  if (state.flavor !== 'head') return;

  router.add(
    'POST',
    '/api/keys',
    authed(state, (request, user) => {
      const parsed = readBody(state, request, true);
      if (!parsed.ok) return parsed.response;
      const name = typeof parsed.body.name === 'string' ? parsed.body.name : null;
      const key = state.apiKeys.create(user.username, name, isoUtc(state.clock.now()));
      return json(201, {
        api_key: key.key,
        key_id: key.keyId,
        name: key.name,
        created_at: key.createdAt,
        message: 'Save this key - it will not be shown again',
      });
    }),
  );

  router.add(
    'GET',
    '/api/keys',
    authed(state, (_request, user) =>
      json(200, {
        keys: state.apiKeys.listFor(user.username).map((k) => ({
          key_id: k.keyId,
          name: k.name,
          created_at: k.createdAt,
          key_prefix: k.key.slice(0, 12),
        })),
      }),
    ),
  );

  router.add(
    'DELETE',
    '/api/keys/{key_id}',
    authed(state, (request, user) =>
      state.apiKeys.delete(user.username, request.params.key_id ?? '')
        ? json(200, { message: 'API key deleted successfully' })
        : detail(404, 'API key not found'),
    ),
  );
}
