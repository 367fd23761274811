import { describe, expect, it } from 'vitest';
import { finishLine, jobTitle, phaseText, serverStateLine } from '../../../main/cli/watch/watch-text';
import { aServer, aState, T0, watched } from './fixtures';

describe('jobTitle', () => {
  it('is the short id, the operation in words and the repository when known', () => {
    expect(jobTitle(watched())).toBe('8b663834 sync repository my-proj');
    expect(jobTitle(watched({ operationType: 'global_repo_refresh' }, null))).toBe(
      '8b663834 global repo refresh',
    );
  });
});

describe('phaseText', () => {
  it('says a pending job waits for a worker', () => {
    expect(phaseText(watched({ status: 'pending', phase: 'ignored' }))).toBe('waiting for a worker');
  });

  it('joins phase and detail, cut to 60 characters (cleaned by the client already)', () => {
    expect(phaseText(watched({ phase: 'indexing', phaseDetail: '120/400 files' }))).toBe(
      'indexing: 120/400 files',
    );
    expect(phaseText(watched({ phase: null, phaseDetail: 'detail only' }))).toBe('detail only');
    expect(phaseText(watched({ phase: null, phaseDetail: null }))).toBe('');
    const long = phaseText(watched({ phase: 'wipe', phaseDetail: 'z'.repeat(200) }));
    expect(long.startsWith('wipe: zz')).toBe(true);
    expect([...long]).toHaveLength(60);
  });
});

describe('finishLine', () => {
  it('says how a job ended, how long it took and on which server', () => {
    const line = finishLine(
      watched({ status: 'completed', progress: 100, startedAt: T0, completedAt: T0 + 83_000 }),
      T0 + 90_000,
    );
    expect(line).toBe('✓ completed  8b663834 sync repository my-proj (work) in 1m 23s');
  });

  it('adds the error text', () => {
    const line = finishLine(
      watched({
        status: 'failed',
        completedAt: T0 + 2_000,
        error: 'git fetch failed: fatal: repository not found',
      }),
      T0 + 5_000,
    );
    expect(line).toBe(
      '✗ failed  8b663834 sync repository my-proj (work) in 2s: git fetch failed: fatal: repository not found',
    );
  });

  it('leaves out the duration of a job that never started', () => {
    const line = finishLine(watched({ status: 'cancelled', startedAt: null, completedAt: T0 }), T0);
    expect(line).toBe('⊘ cancelled  8b663834 sync repository my-proj (work)');
  });
});

describe('serverStateLine', () => {
  const server = aServer();
  const offline = {
    kind: 'offline' as const,
    message: 'Cannot reach https://cidx.example.com (connection refused).',
  };
  const http503 = { kind: 'server-error' as const, message: 'Server error (HTTP 503)', status: 503 };

  it('stays quiet while the health does not change, and for the first successful look', () => {
    expect(serverStateLine(server, aState(), aState())).toBeNull();
    expect(serverStateLine(server, aState(), aState({ health: 'connecting' }))).toBeNull();
    expect(serverStateLine(server, aState(), undefined)).toBeNull();
    expect(serverStateLine(server, aState({ health: 'connecting' }), undefined)).toBeNull();
    const down = aState({ health: 'offline', lastError: offline });
    expect(serverStateLine(server, down, down)).toBeNull();
  });

  it('says a server is unreachable when it cannot be reached', () => {
    expect(serverStateLine(server, aState({ health: 'offline', lastError: offline }), aState())).toBe(
      'work is unreachable: Cannot reach https://cidx.example.com (connection refused). (retrying)',
    );
    expect(serverStateLine(server, aState({ health: 'offline', lastError: null }), aState())).toBe(
      'work is unreachable: no answer (retrying)',
    );
  });

  it('says a server is failing, not unreachable, when it answers with 5xx', () => {
    expect(serverStateLine(server, aState({ health: 'offline', lastError: http503 }), aState())).toBe(
      'work is failing: Server error (HTTP 503) (retrying)',
    );
  });

  it('reports degraded answers, credentials and recovery', () => {
    expect(serverStateLine(server, aState({ health: 'degraded', lastError: http503 }), aState())).toBe(
      'work answers with errors: Server error (HTTP 503)',
    );
    const rejected = { kind: 'bad-credentials' as const, message: 'The API key was rejected.' };
    expect(serverStateLine(server, aState({ health: 'auth-failed', lastError: rejected }), aState())).toBe(
      'work: The API key was rejected.',
    );
    expect(serverStateLine(server, aState(), aState({ health: 'offline', lastError: offline }))).toBe(
      'work is back online.',
    );
  });
});
