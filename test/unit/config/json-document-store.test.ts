import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JsonDocumentStore, type DocumentIssue } from '../../../main/core/config';
import { useTempDir } from './temp-dir';

const ledgerSchema = z.object({ entries: z.array(z.object({ jobId: z.string(), repo: z.string() })) });
type Ledger = z.infer<typeof ledgerSchema>;
const tempDir = useTempDir();
const NOW = Date.UTC(2025, 5, 1);

function store(content?: string) {
  const dir = tempDir();
  const path = join(dir, 'ledger.json');
  if (content !== undefined) writeFileSync(path, content);
  const seen: DocumentIssue[] = [];
  const documents = new JsonDocumentStore<Ledger>({
    path,
    schema: ledgerSchema,
    defaults: () => ({ entries: [] }),
    now: () => NOW,
    onIssue: (issue) => seen.push(issue),
  });
  return { dir, path, documents, seen };
}

describe('JsonDocumentStore', () => {
  it('serves the default when the file is missing', () => {
    const { documents, seen } = store();
    expect(documents.read()).toEqual({ entries: [] });
    expect(seen).toEqual([]);
  });

  it('round-trips a write through the file, 0600, no temp files left', () => {
    const { documents, path, dir } = store();
    documents.write({ entries: [{ jobId: 'j1', repo: 'r' }] });
    expect(readdirSync(dir)).toEqual(['ledger.json']);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(documents.reload()).toEqual({ entries: [{ jobId: 'j1', repo: 'r' }] });
  });

  it('sees writes by another process after reload', () => {
    const { documents, path } = store('{"entries":[]}');
    expect(documents.read().entries).toHaveLength(0);
    writeFileSync(path, '{"entries":[{"jobId":"j2","repo":"x"}]}');
    expect(documents.read().entries).toHaveLength(0); // cached
    expect(documents.reload().entries).toHaveLength(1);
  });

  it('backs up a corrupt file, starts from the default and reports it', () => {
    const { documents, path, seen } = store('{"entries": [');
    expect(documents.read()).toEqual({ entries: [] });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.kind).toBe('not-json');
    expect(readFileSync(seen[0]?.backupPath ?? '', 'utf8')).toBe('{"entries": [');
    expect(seen[0]?.backupPath).toBe(`${path}.corrupt-2025-06-01T00-00-00-000Z`);
    expect(documents.issues()).toEqual(seen);
  });

  it('treats a schema failure the same way and names the field', () => {
    const { documents, seen } = store('{"entries":[{"jobId":1}]}');
    expect(documents.read()).toEqual({ entries: [] });
    expect(seen[0]?.kind).toBe('invalid-document');
    expect(seen[0]?.message).toContain('entries.0.jobId');
  });

  it('picks a new backup name when one already exists', () => {
    const { documents, path, seen } = store('garbage');
    writeFileSync(`${path}.corrupt-2025-06-01T00-00-00-000Z`, 'older');
    documents.read();
    expect(seen[0]?.backupPath).toBe(`${path}.corrupt-2025-06-01T00-00-00-000Z-1`);
    expect(readFileSync(`${path}.corrupt-2025-06-01T00-00-00-000Z`, 'utf8')).toBe('older');
  });

  it('throws on writing an invalid value (a bug) and keeps the file', () => {
    const { documents, path } = store('{"entries":[]}');
    expect(() => documents.write({ entries: [{ jobId: 5 }] } as unknown as Ledger)).toThrow(
      /entries\.0\.jobId/,
    );
    expect(readFileSync(path, 'utf8')).toBe('{"entries":[]}');
  });
});
