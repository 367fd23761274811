/** Renders the whole window over a fake bridge with the real subscriptions running. */
import { render, screen, waitFor } from '@testing-library/react';
import { expect, onTestFinished } from 'vitest';
import { App } from '../../../renderer/App';
import { useProjectionStore } from '../../../renderer/stores/projectionStore';
import { startSubscriptions } from '../../../renderer/subscriptions';
import { FakeBridge } from './fakeBridge';
import { makeSnapshot } from './fixtures';
import type { MonitorSnapshot } from '../../../preload/views';

export async function renderApp(snapshotOrBridge: MonitorSnapshot | FakeBridge = makeSnapshot()) {
  const fake = snapshotOrBridge instanceof FakeBridge ? snapshotOrBridge : new FakeBridge(snapshotOrBridge);
  fake.install();
  // Patches apply at once here; frame batching has its own test (projection.test.tsx).
  const stop = startSubscriptions(fake.bridge, { focusDelayMs: 0, schedule: (flush) => flush() });
  onTestFinished(stop);
  const view = render(<App />);
  await waitFor(() => expect(useProjectionStore.getState().status).toBe('ready'));
  return { fake, stop, view, screen };
}
