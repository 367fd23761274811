import type { RefreshBehaviour, ScenarioGoldenRepo, ScenarioRepo, SyncBehaviour } from '../types';

export interface ActivatedRepo {
  owner: string;
  userAlias: string;
  goldenAlias: string;
  branch: string;
  activatedAt: string;
  lastAccessed: string;
  sync: SyncBehaviour;
}

export interface GoldenRepo {
  alias: string;
  repoUrl: string;
  defaultBranch: string;
  createdAt: string;
  refresh: RefreshBehaviour;
}

interface QueuedBehaviour {
  owner?: string;
  behaviour: SyncBehaviour;
  remaining: number;
}

/** Activated and golden repositories, plus what their next syncs will do. */
export class RepoRegistry {
  private readonly activated: ActivatedRepo[] = [];
  private readonly golden = new Map<string, GoldenRepo>();
  private readonly nextSyncs = new Map<string, QueuedBehaviour[]>();

  constructor(
    private readonly defaultSync: SyncBehaviour,
    private readonly createdAt: string,
  ) {}

  addGolden(repo: ScenarioGoldenRepo): void {
    this.golden.set(repo.alias, {
      alias: repo.alias,
      repoUrl: repo.repoUrl ?? `https://git.example.com/${repo.alias}.git`,
      defaultBranch: repo.defaultBranch ?? 'main',
      createdAt: this.createdAt,
      refresh: repo.refresh ?? {},
    });
  }

  addActivated(repo: ScenarioRepo): void {
    this.activated.push({
      owner: repo.owner,
      userAlias: repo.alias,
      goldenAlias: repo.golden,
      branch: repo.branch ?? 'main',
      activatedAt: repo.activatedAt ?? this.createdAt,
      lastAccessed: repo.lastAccessed ?? this.createdAt,
      sync: repo.sync ?? {},
    });
  }

  goldenRepo(alias: string): GoldenRepo | undefined {
    return this.golden.get(alias);
  }

  goldenRepos(): GoldenRepo[] {
    return [...this.golden.values()];
  }

  activatedFor(owner: string): ActivatedRepo[] {
    return this.activated.filter((r) => r.owner === owner);
  }

  /** `repo_id` may be a user_alias or the golden alias of one of the caller's activations (§3.1). */
  resolveForUser(owner: string, id: string): ActivatedRepo | undefined {
    const mine = this.activatedFor(owner);
    return mine.find((r) => r.userAlias === id) ?? mine.find((r) => r.goldenAlias === id);
  }

  /** Control: the next `count` syncs of `alias` (optionally only `owner`'s) behave like this. */
  queueNextSync(alias: string, behaviour: SyncBehaviour, owner?: string, count = 1): void {
    const list = this.nextSyncs.get(alias) ?? [];
    list.push({ owner, behaviour, remaining: count });
    this.nextSyncs.set(alias, list);
  }

  /** Control: change the standing behaviour of an activated repository's syncs. */
  setSyncDefaults(alias: string, behaviour: SyncBehaviour, owner?: string): number {
    const targets = this.activated.filter(
      (r) => r.userAlias === alias && (owner === undefined || r.owner === owner),
    );
    for (const repo of targets) repo.sync = { ...repo.sync, ...behaviour };
    return targets.length;
  }

  /** What the next sync of `alias` by `owner` does, consuming a queued one-off if any. */
  takeSyncBehaviour(owner: string, alias: string): SyncBehaviour {
    const repo = this.resolveForUser(owner, alias);
    const base = { ...this.defaultSync, ...(repo?.sync ?? {}) };
    const queue = this.nextSyncs.get(repo?.userAlias ?? alias) ?? [];
    const entry = queue.find((q) => q.owner === undefined || q.owner === owner);
    if (!entry) return base;
    entry.remaining -= 1;
    if (entry.remaining <= 0) queue.splice(queue.indexOf(entry), 1);
    return { ...base, ...entry.behaviour };
  }
}
