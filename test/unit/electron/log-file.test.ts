import { EventEmitter } from 'node:events';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecretRegistry } from '../../../main/core/cidx/redact';
import { MemorySecretStore } from '../../../main/core/config/secret-stores/memory-secret-store';
import {
  createLogFile,
  LOG_FILE_NAME,
  logUncaughtErrors,
  rememberingSecrets,
} from '../../../main/electron/log-file';
import { useTempDir } from '../config/temp-dir';

const tempDir = useTempDir();

describe('the log file', () => {
  it('never writes a token, a key or a stored password', async () => {
    const dir = tempDir();
    const registry = new SecretRegistry();
    const log = createLogFile({ dir, secrets: registry });
    const secrets = rememberingSecrets(new MemorySecretStore(), registry);
    await secrets.set('server/work/password', 'correct horse battery');

    log.warn('request failed: Authorization: Bearer abc.def-123 was refused');
    log.info('key cidx_sk_livekey123 rejected', { body: '{"refresh_token":"r-secret-1"}' });
    log.error('login with correct horse battery failed');

    const text = readFileSync(join(dir, LOG_FILE_NAME), 'utf8');
    for (const secret of ['abc.def-123', 'cidx_sk_livekey123', 'r-secret-1', 'correct horse battery'])
      expect(text).not.toContain(secret);
    expect(text.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(4);
    expect(text.trim().split('\n')).toHaveLength(3);
    expect(statSync(join(dir, LOG_FILE_NAME)).mode & 0o777).toBe(0o600);
  });

  it('rotates past the size limit, keeping one old file', () => {
    const dir = tempDir();
    const log = createLogFile({ dir, secrets: new SecretRegistry(), maxBytes: 200 });
    for (let index = 0; index < 10; index += 1) log.info(`line ${index} ${'x'.repeat(40)}`);
    expect(existsSync(join(dir, `${LOG_FILE_NAME}.1`))).toBe(true);
    expect(statSync(join(dir, LOG_FILE_NAME)).size).toBeLessThan(300);
  });

  it('logs uncaught errors and unhandled rejections', () => {
    const dir = tempDir();
    const log = createLogFile({ dir, secrets: new SecretRegistry() });
    const fakeProcess = new EventEmitter();
    logUncaughtErrors(log, fakeProcess);
    fakeProcess.emit('uncaughtException', new Error('kaboom Bearer leaked-token'));
    fakeProcess.emit('unhandledRejection', 'nope');
    const text = readFileSync(join(dir, LOG_FILE_NAME), 'utf8');
    expect(text).toContain('uncaught exception: Error: kaboom');
    expect(text).not.toContain('leaked-token');
    expect(text).toContain('unhandled rejection: nope');
  });
});
