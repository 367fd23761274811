/**
 * The architecture is enforced by lint, and this checks the enforcement itself: the project's
 * ESLint config, run on imports that cross a boundary, must refuse each of them (README,
 * "Architecture"). lintText never touches the files named; the paths only choose the rules.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => `${message.ruleId}: ${message.message}`);
}

describe('import boundaries', () => {
  it('refuses an import from main/ into the renderer, and allows the contract', async () => {
    expect(
      await problems(
        'renderer/model/x.ts',
        "import { isVisible } from '../../main/core/jobs/visibility';\nvoid isVisible;\n",
      ),
    ).toEqual([expect.stringMatching(/renderer imports nothing from main/)]);
    expect(
      await problems(
        'renderer/model/x.ts',
        "import type { JobView } from '../../preload/views';\nexport type X = JobView;\n",
      ),
    ).toEqual([]);
  });

  it('refuses an import from the renderer into main/', async () => {
    expect(
      await problems(
        'main/host/x.ts',
        "import { jobKey } from '../../renderer/model/jobKey';\nvoid jobKey;\n",
      ),
    ).toEqual([expect.stringMatching(/never imports the renderer/)]);
    expect(
      await problems(
        'main/electron/x.ts',
        "import { jobKey } from '../../renderer/model/jobKey';\nvoid jobKey;\n",
      ),
    ).toEqual([expect.stringMatching(/never imports the renderer/)]);
  });

  it('refuses test code in shipped code, and allows it in tests and launchers', async () => {
    const double =
      "import { startCidxServer } from '../../test/cidx-server/server';\nvoid startCidxServer;\n";
    for (const file of ['main/host/x.ts', 'main/cli/x.ts', 'main/core/x.ts', 'main/electron/x.ts']) {
      expect(await problems(file, double)).toEqual([expect.stringMatching(/never imports test code/)]);
    }
    expect(await problems('renderer/x.ts', "import { a } from '../test/support/x';\nvoid a;\n")).toEqual([
      expect.stringMatching(/never imports test code/),
    ]);
    expect(await problems('scripts/demo/x.ts', double)).toEqual([]);
  });

  it('lets the contract name the core’s types but never load its code', async () => {
    expect(await problems('preload/x.ts', "export type { Job } from '../main/core/cidx/job';\n")).toEqual([]);
    expect(
      await problems(
        'preload/x.ts',
        "import { isTerminal } from '../main/core/cidx/job';\nvoid isTerminal;\n",
      ),
    ).toEqual([expect.stringMatching(/never load its code/)]);
  });

  it('keeps Electron out of the core', async () => {
    expect(await problems('main/core/x.ts', "import { app } from 'electron';\nvoid app;\n")).toEqual([
      expect.stringMatching(/Only main\/electron/),
    ]);
  });
});
