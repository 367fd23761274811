import type { IncomingMessage, ServerResponse } from 'node:http';
import { corrupt, statusFaultResponse } from '../faults/fault-responses';
import { refuseControlRequest } from './control-guard';
import type { FaultBook } from '../faults/fault-rules';
import type { ServerClock } from '../clock';
import type { RequestCounter } from '../stats';
import { internalServerError, json, type HttpResponse } from './respond';
import type { RequestContext, Router } from './router';

export interface HandlerDeps {
  api: Router;
  control: Router;
  faults: FaultBook;
  stats: RequestCounter;
  clock: ServerClock;
  /** Resolvers of hung requests; clearing faults calls them. */
  hung: Set<() => void>;
  /** The port the double listens on, for the control API's Host check. */
  port(): number;
}

const CONTROL_PREFIX = '/__control';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function write(res: ServerResponse, response: HttpResponse): void {
  if (res.destroyed) return;
  res.writeHead(response.status, { ...response.headers, 'content-length': Buffer.byteLength(response.body) });
  res.end(response.body);
}

async function dispatch(router: Router, request: RequestContext): Promise<HttpResponse> {
  const match = router.match(request.method, request.path);
  if ('fallback' in match) return match.fallback;
  return match.handler({ ...request, params: match.params });
}

/** The request pipeline: control routes, statistics, faults, routing, error middleware. */
export function createRequestHandler(deps: HandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void (async () => {
      const bodyText = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
      const method = (req.method ?? 'GET').toUpperCase();
      const request: RequestContext = {
        method,
        path,
        params: {},
        query: url.searchParams,
        headers: req.headers,
        bodyText,
      };

      if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) {
        const refused = refuseControlRequest(method, req.headers, deps.port());
        if (refused) return write(res, refused);
        try {
          write(res, await dispatch(deps.control, request));
        } catch (error) {
          write(res, json(400, { error: error instanceof Error ? error.message : String(error) }));
        }
        return;
      }

      deps.stats.record(method, deps.api.match(method, path).template);
      const fault = deps.faults.take(method, path);
      if (fault?.kind === 'reset') return void req.socket.destroy();
      if (fault?.kind === 'status') return write(res, statusFaultResponse(fault, deps.clock.now()));
      if (fault?.kind === 'latency')
        await new Promise((resolve) => setTimeout(resolve, fault.latencyMs ?? 1000));
      if (fault?.kind === 'hang') await new Promise<void>((resolve) => deps.hung.add(resolve));

      let response: HttpResponse;
      try {
        response = await dispatch(deps.api, request);
      } catch {
        response = internalServerError(deps.clock.now());
      }
      if (fault?.kind === 'malformed-json' || fault?.kind === 'truncated-json')
        response = corrupt(response, fault.kind);
      write(res, response);
    })().catch(() => {
      if (!res.headersSent) res.destroy();
    });
  };
}
