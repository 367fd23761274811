/**
 * Every renderer test starts from a clean slate (style.md §19): empty stores, no bridge (each
 * test installs its fake), no real network, and the DOM of the previous test removed.
 */
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { installBridge } from '../../../renderer/bridge';
import { resetStores } from '../../../renderer/stores/resetStores';

/**
 * happy-dom does no layout, so every element measures 0 x 0 and the virtualised list (which
 * reads its scroll container's client size) would show nothing. Give the list's scroll
 * container a window-sized box, as a browser would.
 */
function layoutStandIn(name: 'clientHeight' | 'clientWidth', size: number): void {
  const native = Object.getOwnPropertyDescriptor(Element.prototype, name)!;
  Object.defineProperty(HTMLElement.prototype, name, {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('job-grid__scroll') ? size : native.get!.call(this);
    },
  });
}
layoutStandIn('clientHeight', 600);
layoutStandIn('clientWidth', 800);

beforeEach(() => {
  resetStores();
  installBridge(null);
  vi.stubGlobal('fetch', () => {
    throw new Error('renderer tests must not reach a network; use the fake bridge');
  });
  vi.stubGlobal('WebSocket', function NoWebSocket() {
    throw new Error('renderer tests must install a fake bridge instead of opening a WebSocket');
  });
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});
