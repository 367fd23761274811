import { CLI_SYNC_BODY, recordRepoProbes, type Replay } from './contract-replay-types';

const CIDX_META = { alias: 'cidx-meta', repoUrl: 'local://cidx-meta' };
const MY_PROJ_DATES = { activatedAt: '2026-05-01T10:00:00+00:00', lastAccessed: '2026-05-02T11:00:00+00:00' };

/** head_auth_health_jobs.json: a fresh HEAD server (startup system jobs only), as admin. */
export const headAuthHealthJobs: Replay = {
  flavor: 'head',
  scenario: { goldenRepos: [CIDX_META] },
  // The capture's server had no API keys before the probe created one.
  options: { seedApiKeys: false },
  rewriteCapture: (key, captured) =>
    key === 'create_user' ? JSON.parse(JSON.stringify(captured).replaceAll('alice', 'dave')) : captured,
  async run({ api, record, recordRaw }) {
    const login = await api.request('POST', '/auth/login', {
      body: { username: 'admin', password: 'admin' },
    });
    record('login_ok', login);
    const token = login.body.access_token as string;
    record(
      'login_bad',
      await api.request('POST', '/auth/login', { body: { username: 'admin', password: 'wrong' } }),
    );
    const ghost = [];
    for (let i = 0; i < 6; i++) {
      const res = await api.request('POST', '/auth/login', { body: { username: 'ghost', password: 'nope' } });
      ghost.push([res.status, res.body, res.headers.get('retry-after')]);
    }
    recordRaw('ghost_seq', ghost);
    record(
      'login_422',
      await api.request('POST', '/auth/login', { body: { username: '  ', password: 'x' } }),
    );
    record('no_auth_jobs', await api.get('/api/jobs'));
    record('bad_token_jobs', await api.get('/api/jobs', 'not-a-jwt'));
    record(
      'basic_auth_jobs',
      await api.request('GET', '/api/jobs', { headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } }),
    );
    record(
      'refresh_ok',
      await api.request('POST', '/api/auth/refresh', { body: { refresh_token: login.body.refresh_token } }),
    );
    record(
      'refresh_reuse',
      await api.request('POST', '/api/auth/refresh', { body: { refresh_token: login.body.refresh_token } }),
    );
    record('refresh_422', await api.request('POST', '/api/auth/refresh', { body: {} }));
    const key = await api.request('POST', '/api/keys', { token, body: { name: 'desktop-monitor' } });
    record('apikey_create', key);
    record('jobs_with_apikey', await api.get('/api/jobs', key.body.api_key));
    record('apikey_list', await api.get('/api/keys', token));
    record('health', await api.get('/health', token));
    record('healthz', await api.get('/healthz'));
    record('server_time', await api.get('/api/server-time'));
    record('system_health', await api.get('/api/system/health', token));
    const openapi = await api.get('/openapi.json');
    record('openapi_info', { ...openapi, body: openapi.body.info });
    record('jobs_empty', await api.get('/api/jobs', token));
    record('job_404', await api.get('/api/jobs/does-not-exist', token));
    record('job_status_path', await api.get('/api/jobs/does-not-exist/status', token));
    record('cancel_unknown', await api.request('DELETE', '/api/jobs/does-not-exist', { token }));
    await recordRepoProbes({ api, record }, token);
    record(
      'refresh_golden_unknown',
      await api.request('POST', '/api/admin/golden-repos/nope/refresh', { token }),
    );
    record('admin_golden_list', await api.get('/api/admin/golden-repos', token));
    record('admin_job_stats', await api.get('/api/admin/jobs/stats', token));
    record('admin_cleanup', await api.request('DELETE', '/api/admin/jobs/cleanup', { token }));
    record('maint_status', await api.get('/api/admin/maintenance/status', token));
    // alice is seeded in the double, so a fresh name stands in (the test renames it back).
    record(
      'create_user',
      await api.request('POST', '/api/admin/users', {
        token,
        body: { username: 'dave', password: 'dave-pass-1', role: 'normal_user' },
      }),
    );
  },
};

/** head_sync_phase_fail_cancel.json: alice syncs, cancels, and scripted phased/failed jobs. */
export const headSyncPhaseFailCancel: Replay = {
  flavor: 'head',
  scenario: {
    goldenRepos: [CIDX_META, { alias: 'proj-golden' }],
    repos: [{ owner: 'alice', alias: 'my-proj', golden: 'proj-golden', ...MY_PROJ_DATES }],
  },
  notReplayed: {
    _sync_jobs_state: "the capture harness's own summary, not a response",
    _long_job_id: 'a job id noted by the harness',
  },
  async run({ api, server, clock, record, recordRaw }) {
    const alice = await api.login('alice', 'alice-pass');
    const admin = await api.login('admin', 'admin');
    record('alice_repos_list', await api.get('/api/repos', alice));
    const first = await api.request('POST', '/api/repositories/my-proj/sync', {
      token: alice,
      body: CLI_SYNC_BODY,
    });
    record('v2_sync_submit', first);
    record('v2_sync_running', await api.get(`/api/jobs/${first.body.job_id}`, alice));
    record(
      'v2_sync_conflict',
      await api.request('POST', '/api/repositories/my-proj/sync', { token: alice, body: CLI_SYNC_BODY }),
    );
    record(
      'general_sync_while_running',
      await api.request('POST', '/api/repos/sync', { token: alice, body: { repository_alias: 'my-proj' } }),
    );
    clock.advance(1000);
    record('v2_sync_done', await api.get(`/api/jobs/${first.body.job_id}`, alice));
    record(
      'general_sync_after_done',
      await api.request('POST', '/api/repos/sync', { token: alice, body: { repository_alias: 'my-proj' } }),
    );
    const general = await api.request('POST', '/api/repos/sync', {
      token: alice,
      body: { repository_alias: 'my-proj', force: true, full_reindex: true },
    });
    record('general_sync_force', general);
    record('general_sync_force_job_running', await api.get(`/api/jobs/${general.body.job_id}`, alice));
    record(
      'v2_dup_while_general_running',
      await api.request('POST', '/api/repositories/my-proj/sync', { token: alice, body: { force: true } }),
    );
    clock.advance(300);
    record('general_sync_force_job_done', await api.get(`/api/jobs/${general.body.job_id}`, alice));
    const second = await api.request('POST', '/api/repositories/my-proj/sync', { token: alice, body: {} });
    record('v2_sync_submit2', second);
    // The harness kept the bare body of the same response under this key.
    recordRaw('_submit2_body', second.body);
    record('admin_view_alice_job', await api.get(`/api/jobs/${second.body.job_id}`, admin));
    record(
      'cancel_running',
      await api.request('DELETE', `/api/jobs/${second.body.job_id}`, { token: alice }),
    );
    clock.advance(300);
    record('cancelled_job', await api.get(`/api/jobs/${second.body.job_id}`, alice));
    record('cancel_again', await api.request('DELETE', `/api/jobs/${second.body.job_id}`, { token: alice }));

    // The capture drove a worker with the real phase strings; script the same job.
    const phased = server.control.addJob({
      owner: 'alice',
      operation: 'global_repo_refresh',
      repository: 'proj-golden-global',
      runMs: 2000,
      phases: [{ phase: 'scip', detail: 'SCIP: generating...', progress: 80 }],
    })!;
    clock.advance(1000);
    record('phased_running_get', await api.get(`/api/jobs/${phased}`, alice));
    record('phased_running_list', await api.get('/api/jobs?status=running', alice));
    clock.advance(1000);
    record('phased_done_get', await api.get(`/api/jobs/${phased}`, alice));
    const byResult = server.control.addJob({
      owner: 'alice',
      operation: 'reindex',
      runMs: 2,
      phases: false,
      outcome: 'failed-result',
    })!;
    const byException = server.control.addJob({
      owner: 'alice',
      operation: 'add_index_fts',
      runMs: 2,
      phases: false,
      outcome: 'failed',
      error: 'Failed to add index: Command failed: boom',
    })!;
    clock.advance(2);
    record('failed_by_result', await api.get(`/api/jobs/${byResult}`, alice));
    record('failed_by_exception', await api.get(`/api/jobs/${byException}`, alice));
    record('alice_list_all', await api.get('/api/jobs?limit=50', alice));
    record('alice_list_page', await api.get('/api/jobs?limit=2&offset=0', alice));
    record('alice_list_page_offset', await api.get('/api/jobs?limit=2&offset=4', alice));
    record('alice_list_limit100', await api.get('/api/jobs?limit=100', alice));
    // The probe sent a stale token here, hence the 401.
    record(
      'alice_cannot_cancel_admin_jobs',
      await api.request('DELETE', `/api/jobs/${phased}`, { token: 'stale.token.value' }),
    );
    record('admin_list', await api.get('/api/jobs?limit=3', admin));
    record('admin_stats', await api.get('/api/admin/jobs/stats', admin));
    record('alice_admin_stats', await api.get('/api/admin/jobs/stats', alice));
  },
};

/** head_after_restart.json: a sync running at 25 % when the server restarts. */
export const headAfterRestart: Replay = {
  flavor: 'head',
  scenario: {
    repos: [{ owner: 'alice', alias: 'my-proj', golden: 'proj-golden', sync: { outcome: 'never-finishes' } }],
  },
  async run({ api, server, record }) {
    const alice = await api.login('alice', 'alice-pass');
    const job = await api.request('POST', '/api/repositories/my-proj/sync', {
      token: alice,
      body: CLI_SYNC_BODY,
    });
    server.control.restart();
    record('after_restart', await api.get(`/api/jobs/${job.body.job_id}`, alice));
    record('failed_list', await api.get('/api/jobs?status=failed&limit=1', alice));
  },
};

/** head_misc.json: admin's own my-proj, bob looking at admin's job, cidx-meta refreshes. */
export const headMisc: Replay = {
  flavor: 'head',
  scenario: {
    goldenRepos: [
      {
        ...CIDX_META,
        refresh: {
          runMs: 5,
          phases: false,
          result: { success: true, alias: 'cidx-meta-global', message: 'Not yet initialized, skipped' },
        },
      },
    ],
    repos: [
      {
        owner: 'admin',
        alias: 'my-proj',
        golden: 'proj-golden',
        ...MY_PROJ_DATES,
        sync: { runMs: 6, filesChanged: 0 },
      },
    ],
  },
  notReplayed: {
    activated_repos_sync_placeholder:
      'the probe monkey-patched the activated-repo lookup this route uses; the double does not model the placeholder route',
  },
  async run({ api, clock, record }) {
    const admin = await api.login('admin', 'admin');
    const bob = await api.login('bob', 'bob-pass');
    record(
      'post_repos_alias_sync_405',
      await api.request('POST', '/api/repos/my-proj/sync', { token: admin, body: {} }),
    );
    record(
      'put_repos_alias_sync',
      await api.request('PUT', '/api/repos/my-proj/sync', { token: admin, body: {} }),
    );
    record('sync_status', await api.get('/api/repos/my-proj/sync-status', admin));
    const sync = await api.request('POST', '/api/repositories/my-proj/sync', { token: admin, body: {} });
    record('v2_sync', sync);
    clock.advance(10);
    record(
      'activation_progress_for_sync_job',
      await api.get(`/api/repos/activation/${sync.body.job_id}/progress`, admin),
    );
    record('bob_get_admin_job', await api.get(`/api/jobs/${sync.body.job_id}`, bob));
    record(
      'bob_cancel_admin_job',
      await api.request('DELETE', `/api/jobs/${sync.body.job_id}`, { token: bob }),
    );
    record('bob_jobs', await api.get('/api/jobs', bob));
    record('bob_admin_endpoint', await api.get('/api/admin/golden-repos', bob));
    record('bogus_status_filter', await api.get('/api/jobs?status=bogus', admin));
    record('repos_status', await api.get('/api/repos/status', admin));
    const refresh = await api.request('POST', '/api/admin/golden-repos/cidx-meta/refresh', { token: admin });
    record('golden_refresh_cidx_meta', refresh);
    clock.advance(10);
    record('golden_refresh_job', await api.get(`/api/jobs/${refresh.body.job_id}`, admin));
    record(
      'golden_refresh_again',
      await api.request('POST', '/api/admin/golden-repos/cidx-meta/refresh', { token: admin }),
    );
  },
};
