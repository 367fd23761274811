import type { ScenarioDefinition } from '../types';

/** Users and activated repositories, no user jobs (HEAD still has its startup system jobs). */
export function emptyScenario(): ScenarioDefinition {
  return {
    name: 'empty',
    goldenRepos: [
      { alias: 'proj-golden' },
      { alias: 'web-golden' },
      { alias: 'docs-golden' },
      { alias: 'infra-golden' },
      { alias: 'mobile-golden' },
      { alias: 'cidx-meta', repoUrl: 'local://cidx-meta' },
    ],
    repos: [
      { owner: 'alice', alias: 'my-proj', golden: 'proj-golden' },
      { owner: 'alice', alias: 'web-app', golden: 'web-golden' },
      { owner: 'alice', alias: 'docs', golden: 'docs-golden' },
      // Same alias as alice's: HEAD's cross-user dedup collides on it (cidx-api.md §3.1).
      { owner: 'admin', alias: 'my-proj', golden: 'proj-golden' },
      { owner: 'admin', alias: 'infra', golden: 'infra-golden' },
      { owner: 'bob', alias: 'mobile-app', golden: 'mobile-golden' },
      { owner: 'carol', alias: 'docs', golden: 'docs-golden' },
    ],
  };
}
