import type { IncomingHttpHeaders } from 'node:http';
import { methodNotAllowed, notFound, type HttpResponse } from './respond';

/** What a route handler sees of a request. */
export interface RequestContext {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Raw body text ('' when none). */
  bodyText: string;
}

export type RouteHandler = (request: RequestContext) => HttpResponse | Promise<HttpResponse>;

export interface Route {
  method: string;
  /** FastAPI-style template, e.g. `/api/jobs/{job_id}`; also the statistics key. */
  template: string;
  handler: RouteHandler;
}

export interface RouteMatch {
  template: string;
  params: Record<string, string>;
  handler: RouteHandler;
}

function matchTemplate(template: string, path: string): Record<string, string> | undefined {
  const want = template.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    const g = got[i] ?? '';
    if (w.startsWith('{') && w.endsWith('}')) {
      if (g === '') return undefined;
      params[w.slice(1, -1)] = decodeURIComponent(g);
    } else if (w !== g) {
      return undefined;
    }
  }
  return params;
}

/**
 * Starlette-like dispatch: first route whose template and method match wins; a template that
 * matches with another method gives 405; nothing gives 404 "Not Found" (cidx-api.md §6.1).
 */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, template: string, handler: RouteHandler): void {
    this.routes.push({ method, template, handler });
  }

  templates(): string[] {
    return [...new Set(this.routes.map((r) => r.template))];
  }

  match(method: string, path: string): RouteMatch | { template: string | undefined; fallback: HttpResponse } {
    let pathMatched: string | undefined;
    for (const route of this.routes) {
      const params = matchTemplate(route.template, path);
      if (!params) continue;
      if (route.method === method) return { template: route.template, params, handler: route.handler };
      pathMatched ??= route.template;
    }
    return pathMatched
      ? { template: pathMatched, fallback: methodNotAllowed() }
      : { template: undefined, fallback: notFound() };
  }
}
