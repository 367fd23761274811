/**
 * What the file secret store warns, by why it was chosen: a keychain that did not answer is a
 * real misconfiguration (warned), a file the person asked for is warned without claiming there
 * is no keychain, and the demo's throw-away folder (CIDX_TRAY_DEMO beside
 * CIDX_TRAY_SECRET_STORE=file) is not warned about at all.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseSecretStore, FileSecretStore } from '../../../main/core/config';
import { useTempDir } from './temp-dir';

const tempDir = useTempDir();

async function warningFor(env: NodeJS.ProcessEnv, dir = tempDir()) {
  const result = await chooseSecretStore({
    platform: 'linux',
    configDir: dir,
    env,
    commands: { secretTool: join(dir, 'no-secret-tool-here') },
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.store.describe().warning;
}

describe('the file secret store’s warning', () => {
  it('says there is no keychain when none answered (a real misconfiguration)', async () => {
    const dir = tempDir();
    const warning = await warningFor({}, dir);
    expect(warning).toMatch(/^No system keychain is available: credentials are stored unencrypted in /);
    expect(warning).toContain(join(dir, 'secrets.json'));
  });

  it('still warns when the demo flag is set but the keychain simply did not answer', async () => {
    expect(await warningFor({ CIDX_TRAY_DEMO: '1' })).toMatch(/^No system keychain is available/);
  });

  it('a file the person asked for is called unencrypted, without claiming there is no keychain', async () => {
    const warning = await warningFor({ CIDX_TRAY_SECRET_STORE: 'file' });
    expect(warning).toMatch(/CIDX_TRAY_SECRET_STORE=file.*unencrypted/);
    expect(warning).not.toMatch(/keychain/i);
  });

  it('the demo’s throw-away folder gets no warning', async () => {
    expect(await warningFor({ CIDX_TRAY_SECRET_STORE: 'file', CIDX_TRAY_DEMO: '1' })).toBeUndefined();
  });

  it('a damaged file is still mentioned in the throw-away folder', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'secrets.json'), 'not json at all');
    const store = new FileSecretStore({ configDir: dir, reason: 'throw-away', now: () => 0 });
    expect(await store.get('server/a/api-key')).toBeNull();
    expect(store.describe().warning).toContain('secrets.json.corrupt-');
    expect(store.describe().warning).not.toMatch(/keychain|^\./);
  });
});
