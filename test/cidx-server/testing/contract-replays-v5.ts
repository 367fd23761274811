import { CLI_SYNC_BODY, recordRepoProbes, type Replay } from './contract-replay-types';

/** v5_auth_jobs.json: a fresh v5 server, signed in as admin. */
export const v5AuthJobs: Replay = {
  flavor: 'v5',
  scenario: { goldenRepos: [] },
  async run({ api, record }) {
    const login = await api.request('POST', '/auth/login', {
      body: { username: 'admin', password: 'admin' },
    });
    record('login_ok', login);
    const token = login.body.access_token as string;
    record(
      'login_bad',
      await api.request('POST', '/auth/login', { body: { username: 'admin', password: 'wrong' } }),
    );
    record('login_422', await api.request('POST', '/auth/login', { body: { username: 'admin' } }));
    record('no_auth_jobs', await api.get('/api/jobs'));
    record('bad_token_jobs', await api.get('/api/jobs', 'not-a-jwt'));
    const refreshed = await api.request('POST', '/api/auth/refresh', {
      body: { refresh_token: login.body.refresh_token },
    });
    record('refresh_ok', refreshed);
    record(
      'refresh_reuse',
      await api.request('POST', '/api/auth/refresh', { body: { refresh_token: login.body.refresh_token } }),
    );
    record(
      'refresh_bad',
      await api.request('POST', '/api/auth/refresh', { body: { refresh_token: 'garbage' } }),
    );
    record(
      'legacy_refresh_bad',
      await api.request('POST', '/auth/refresh', { body: { refresh_token: 'garbage' } }),
    );
    record('health', await api.get('/health', token));
    record('jobs_empty', await api.get('/api/jobs', token));
    record('job_404', await api.get('/api/jobs/does-not-exist', token));
    record('job_status_path_404', await api.get('/api/jobs/does-not-exist/status', token));
    record('job_cancel_post_405', await api.request('POST', '/api/jobs/does-not-exist/cancel', { token }));
    record('cancel_unknown', await api.request('DELETE', '/api/jobs/does-not-exist', { token }));
    await recordRepoProbes({ api, record }, token);
    const refresh = await api.request('POST', '/api/admin/golden-repos/nope/refresh', { token });
    record('refresh_golden_unknown', refresh);
    record('jobs_after_refresh', await api.get('/api/jobs', token));
    record('job_failed', await api.get(`/api/jobs/${refresh.body.job_id}`, token));
    record('cancel_failed', await api.request('DELETE', `/api/jobs/${refresh.body.job_id}`, { token }));
    record('jobs_limit_clamp', await api.get('/api/jobs?limit=1000', token));
    record('jobs_bad_limit_type', await api.get('/api/jobs?limit=abc', token));
    record('cleanup', await api.request('DELETE', '/api/admin/jobs/cleanup', { token }));
  },
};

/** v5_sync_flows.json: admin syncs `my-proj` through both sync endpoints. */
export const v5SyncFlows: Replay = {
  flavor: 'v5',
  scenario: {
    goldenRepos: [{ alias: 'proj-golden' }],
    repos: [
      {
        owner: 'admin',
        alias: 'my-proj',
        golden: 'proj-golden',
        activatedAt: '2025-09-20T10:00:00+00:00',
        lastAccessed: '2025-09-20T11:00:00+00:00',
      },
    ],
  },
  async run({ api, clock, record }) {
    const token = await api.login('admin', 'admin');
    record('repos_list', await api.get('/api/repos', token));
    const first = await api.request('POST', '/api/repositories/my-proj/sync', { token, body: CLI_SYNC_BODY });
    record('v2_sync_submit', first);
    record('v2_sync_running', await api.get(`/api/jobs/${first.body.job_id}`, token));
    record(
      'v2_sync_conflict',
      await api.request('POST', '/api/repositories/my-proj/sync', { token, body: CLI_SYNC_BODY }),
    );
    clock.advance(1000);
    record('v2_sync_done', await api.get(`/api/jobs/${first.body.job_id}`, token));
    record(
      'general_sync_submit',
      await api.request('POST', '/api/repos/sync', { token, body: { repository_alias: 'my-proj' } }),
    );
    const forced = await api.request('POST', '/api/repos/sync', {
      token,
      body: { repository_alias: 'my-proj', force: true },
    });
    record('general_sync_submit_force', forced);
    record('general_sync_job', await api.get(`/api/jobs/${forced.body.job_id}`, token));
    const second = await api.request('POST', '/api/repositories/my-proj/sync', { token, body: {} });
    record('v2_sync_submit2', second);
    record('cancel_running', await api.request('DELETE', `/api/jobs/${second.body.job_id}`, { token }));
    clock.advance(300);
    record('cancelled_job', await api.get(`/api/jobs/${second.body.job_id}`, token));
    record('jobs_page', await api.get('/api/jobs?limit=2', token));
    record('jobs_filter', await api.get('/api/jobs?status=cancelled', token));
  },
};
