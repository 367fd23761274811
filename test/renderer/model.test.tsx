/** The renderer's pure decisions: list order and filters, drafts, words for times and statuses. */
import { describe, expect, it } from 'vitest';
import { formatAgo, formatDuration } from '../../renderer/model/format';
import { buildJobList, sameListItems } from '../../renderer/model/jobList';
import {
  credentialRenewal,
  draftFrom,
  emptyServerFields,
  fieldsFromConfig,
  formProblems,
} from '../../renderer/model/serverDraft';
import { fieldsFromSettings, patchFromFields } from '../../renderer/model/settingsDraft';
import { statusLook } from '../../renderer/model/status';
import { nextEntry, type JobEntry } from '../../renderer/stores/jobsStore';
import { defaultSettings } from '../../main/core/config/settings';
import { makeJob, makeServer } from './support/fixtures';

const entries = (...views: ReturnType<typeof makeJob>[]): Map<string, JobEntry> =>
  new Map(views.map((v) => [`${v.serverId}/${v.job.id}`, nextEntry(undefined, v, 0)]));
const filters = { server: 'all', status: 'all' as const, text: '', groupByServer: false };

describe('renderer model', () => {
  it('orders running, then pending, then most recent; failed filter includes partial', () => {
    const jobs = entries(
      makeJob({ id: 'done', status: 'completed', completedAt: 5 }),
      makeJob({ id: 'partial', status: 'completed_partial', completedAt: 9 }),
      makeJob({ id: 'wait', status: 'pending' }),
      makeJob({ id: 'run', status: 'resolving_prerequisites' }),
    );
    const keys = (list: ReturnType<typeof buildJobList>) =>
      list.map((i) => (i.kind === 'job' ? i.key : i.name));
    expect(keys(buildJobList(jobs, [makeServer()], filters))).toEqual([
      'prod/run',
      'prod/wait',
      'prod/partial',
      'prod/done',
    ]);
    expect(keys(buildJobList(jobs, [makeServer()], { ...filters, status: 'failed' }))).toEqual([
      'prod/partial',
    ]);
    expect(keys(buildJobList(jobs, [makeServer()], { ...filters, text: 'PREPAR' }))).toEqual(['prod/run']);
  });

  it('tells a list that shows the same rows from one that does not', () => {
    const jobs = entries(makeJob({ id: 'a' }), makeJob({ id: 'b', serverId: 'staging' }));
    const servers = [makeServer(), makeServer('staging')];
    const grouped = { ...filters, groupByServer: true };
    const list = buildJobList(jobs, servers, grouped);
    expect(sameListItems(list, buildJobList(new Map(jobs), servers, grouped))).toBe(true);
    expect(sameListItems(list, buildJobList(jobs, servers, filters))).toBe(false);
    const renamed = [makeServer('prod', { name: 'Prod EU' }), makeServer('staging')];
    expect(sameListItems(list, buildJobList(jobs, renamed, grouped))).toBe(false);
  });

  it('builds a server draft without empty secrets, and lists what is missing', () => {
    expect(formProblems(emptyServerFields, false)).toHaveLength(3);
    expect(formProblems({ ...emptyServerFields, name: 'a', url: 'ftp://x' }, true)).toEqual([
      'The address must start with http:// or https://.',
    ]);
    const draft = draftFrom({ ...emptyServerFields, name: ' A ', url: 'https://a', caFile: ' /ca.pem ' });
    expect(draft.credentials).toEqual({});
    expect(draft.server.name).toBe('A');
    expect(draft.server.tls).toEqual({ insecureSkipVerify: false, caFile: '/ca.pem' });
  });

  it('asks for the credential again when an edited server moves to another origin or sign-in method', () => {
    const saved = makeServer('prod', { url: 'https://cidx.prod.example', auth: { mode: 'api-key' } }).config;
    const fields = fieldsFromConfig(saved);
    expect(credentialRenewal(fields, saved)).toBeNull();
    expect(credentialRenewal({ ...fields, url: 'https://CIDX.prod.example:443/api' }, saved)).toBeNull();
    for (const url of ['http://cidx.prod.example', 'https://cidx.prod.example:8443', 'https://evil.example'])
      expect(credentialRenewal({ ...fields, url }, saved), url).toBe('the address points at another server');
    expect(credentialRenewal({ ...fields, authMode: 'password', username: 'a' }, saved)).toBe(
      'the sign-in method changed',
    );
    expect(credentialRenewal(fields, undefined)).toBeNull();
    expect(formProblems({ ...fields, url: 'https://evil.example' }, true, saved)).toEqual([
      'Enter the API key (the address points at another server; the stored one is not sent there).',
    ]);
    expect(formProblems({ ...fields, url: 'https://evil.example', apiKey: 'k' }, true, saved)).toEqual([]);
    expect(formProblems(fields, true, saved)).toEqual([]);
  });

  it('turns settings into fields and back', () => {
    const fields = fieldsFromSettings(defaultSettings());
    const built = patchFromFields(fields);
    expect(built.ok && built.patch['polling']).toEqual({ activeIntervalMs: 1000, idleIntervalMs: 15_000 });
    expect(patchFromFields({ ...fields, idleSeconds: ' ' })).toEqual({
      ok: false,
      problems: ['The idle interval must be a number.'],
    });
  });

  it('says times and statuses in words', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(200_000)).toBe('3 min 20 s');
    expect(formatDuration(7_500_000)).toBe('2 h 5 min');
    expect(formatAgo(1000, 1500)).toBe('just now');
    expect(statusLook('failed')).toMatchObject({ glyph: '✕', word: 'Failed' });
    expect(statusLook('weird_new_state').word).toBe('Weird new state');
  });

  it('keeps progress samples only when progress changes', () => {
    const first = nextEntry(undefined, makeJob({ progress: 10 }), 0);
    const same = nextEntry(first, makeJob({ progress: 10 }), 5);
    expect(same.samples).toBe(first.samples);
    const moved = nextEntry(same, makeJob({ progress: 30, phase: 'scan' }), 9);
    expect(moved.samples.map((s) => s.progress)).toEqual([10, 30]);
    expect(moved.timeline).toHaveLength(2);
  });
});
