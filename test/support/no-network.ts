/**
 * Unit tests must never reach a network: any fetch they forget to inject fails loudly.
 * Integration tests (which talk to the real double on 127.0.0.1) do not load this file.
 */
import { beforeEach, vi } from 'vitest';

beforeEach(() => {
  vi.stubGlobal('fetch', () => {
    throw new Error('unit tests must inject a fetch; a real network call was attempted');
  });
});
