/**
 * Stand-ins for `secret-tool` and `security`, written into a temp dir that goes first on PATH.
 * Each records its argv and stdin (calls.jsonl) and keeps items as files, so a test can check
 * both the behaviour and that no secret ever reached argv.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const RECORD = `
const fs = require('fs');
const path = require('path');
const dir = process.env.STUB_DIR;
const args = process.argv.slice(2);
const stdin = fs.readFileSync(0, 'utf8');
fs.appendFileSync(path.join(dir, 'calls.jsonl'), JSON.stringify({ args, stdin }) + '\\n');
const item = (parts) => path.join(dir, 'item-' + Buffer.from(parts.join('\\0')).toString('hex'));
`;

const SECRET_TOOL = `#!/usr/bin/env node
${RECORD}
if (process.env.STUB_NO_SERVICE) {
  process.stderr.write('secret-tool: Cannot autolaunch D-Bus without X11 $DISPLAY\\n');
  process.exit(1);
}
const [command, ...rest] = args;
const attributes = rest.filter((arg) => !arg.startsWith('--'));
const file = item(attributes);
if (command === 'store') fs.writeFileSync(file, stdin);
else if (command === 'lookup') {
  if (!fs.existsSync(file)) process.exit(1);
  process.stdout.write(fs.readFileSync(file));
} else if (command === 'clear') {
  if (fs.existsSync(file)) fs.unlinkSync(file);
} else {
  process.stderr.write('usage: secret-tool ...\\n');
  process.exit(2);
}
`;

const SECURITY = `#!/usr/bin/env node
${RECORD}
const option = (list, name) => list[list.indexOf(name) + 1];
function run(list) {
  const file = item([option(list, '-s'), option(list, '-a')]);
  switch (list[0]) {
    case 'default-keychain':
      process.stdout.write('    "/Users/ana/Library/Keychains/login.keychain-db"\\n');
      return 0;
    case 'add-generic-password':
      fs.writeFileSync(file, Buffer.from(option(list, '-X'), 'hex'));
      return 0;
    case 'find-generic-password':
      // 36: errSecInteractionNotAllowed, a locked keychain.
      if (process.env.STUB_FIND_EXIT) {
        process.stderr.write('security: SecKeychainSearchCopyNext: User interaction is not allowed.\\n');
        return Number(process.env.STUB_FIND_EXIT);
      }
      if (!fs.existsSync(file)) return 44;
      process.stdout.write(fs.readFileSync(file, 'utf8') + '\\n');
      return 0;
    case 'delete-generic-password':
      if (!fs.existsSync(file)) return 44;
      fs.unlinkSync(file);
      return 0;
    default:
      process.stderr.write('security: unknown command\\n');
      return 1;
  }
}
if (args[0] === '-i') {
  // Interactive mode: one command per stdin line; like the real tool, failures do not change the exit code.
  for (const line of stdin.split('\\n').filter(Boolean)) run(line.trim().split(/\\s+/));
  process.exit(0);
}
process.exit(run(args));
`;

export interface StubCall {
  args: string[];
  stdin: string;
}

export function installStub(
  dir: string,
  name: 'secret-tool' | 'security',
): { env: NodeJS.ProcessEnv; calls(): StubCall[]; path: string } {
  const path = join(dir, name);
  writeFileSync(path, name === 'secret-tool' ? SECRET_TOOL : SECURITY);
  chmodSync(path, 0o755);
  const env = { ...process.env, PATH: `${dir}${delimiter}${process.env.PATH ?? ''}`, STUB_DIR: dir };
  const log = join(dir, 'calls.jsonl');
  return {
    path,
    env,
    calls: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as StubCall)
        : [],
  };
}
