/** `cidx-jobs repos`: the activated repositories a sync can be submitted for. */
import type { Repository } from '../../core/cidx/api';
import type { ServerConfig } from '../../core/config';
import type { CliContext } from '../context';
import { fromEachServer } from '../fan-out';
import { println } from '../io';
import { printJson } from '../output/json';
import { renderTable } from '../output/table';

interface RepoRow {
  server: ServerConfig;
  repository: Repository;
}

export async function listRepos(
  ctx: CliContext,
  options: { server?: string; json?: boolean },
): Promise<void> {
  const servers = ctx.servers(options.server);
  const answers = await fromEachServer(ctx, servers, (server) => ctx.client(server).listRepositories());
  const rows: RepoRow[] = answers
    .flatMap(({ server, value }) => value.map((repository) => ({ server, repository })))
    .sort(
      (a, b) =>
        a.server.name.localeCompare(b.server.name) || a.repository.alias.localeCompare(b.repository.alias),
    );

  if (options.json) {
    printJson(
      ctx.io,
      rows.map((row) => ({ server: row.server.name, ...row.repository })),
    );
    return;
  }
  if (rows.length === 0) {
    println(ctx.io.stdout, 'No activated repositories.');
    return;
  }
  const columns = [
    { header: 'REPOSITORY', value: (row: RepoRow) => row.repository.alias },
    { header: 'GOLDEN', value: (row: RepoRow) => row.repository.goldenAlias ?? '' },
    { header: 'BRANCH', value: (row: RepoRow) => row.repository.branch ?? '' },
  ];
  if (servers.length > 1) columns.unshift({ header: 'SERVER', value: (row: RepoRow) => row.server.name });
  println(ctx.io.stdout, renderTable(rows, columns));
}
