/**
 * Addresses in a server's CIDX web UI. It has a jobs page (`/admin/jobs`) but no page per job
 * (cidx-api.md §2.5), so a job opens the jobs page with its id to search for.
 * Built only from a configured server's URL: `openExternal` never sees renderer-made URLs.
 */
export function webUiUrl(serverUrl: string, target: { jobId?: string } = {}): string {
  const base = new URL(serverUrl);
  if (base.protocol !== 'http:' && base.protocol !== 'https:')
    throw new Error('only http(s) servers are opened');
  const root = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  if (target.jobId === undefined) return new URL(`${root}admin/`, base).toString();
  const page = new URL(`${root}admin/jobs`, base);
  page.searchParams.set('search', target.jobId);
  return page.toString();
}
