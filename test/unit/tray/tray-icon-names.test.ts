/**
 * The one tray icon rule (preload/tray-icon.ts), shared by the desktop tray and browser mode's
 * tab: every name a state can call for has its drawings in assets/tray, and the tray model
 * gets its icon from that same rule.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTrayModel } from '../../../main/core/tray';
import { TRAY_ICON_NAMES, trayIcon, trayIconName } from '../../../preload/tray-icon';
import { job, NOW, server, snapshot, view } from './snapshot-builder';

const trayAssets = join(import.meta.dirname, '..', '..', '..', 'assets', 'tray');

describe('tray icon names', () => {
  it('name each state and progress step once, with both drawings in assets/tray', () => {
    expect(new Set(TRAY_ICON_NAMES).size).toBe(14);
    for (const name of TRAY_ICON_NAMES) {
      expect(existsSync(join(trayAssets, `${name}.png`)), name).toBe(true);
      expect(existsSync(join(trayAssets, `${name}@2x.png`)), name).toBe(true);
    }
  });

  it('round the running icon to its step of ten, within 0..100', () => {
    expect(trayIconName({ kind: 'idle', progressStep: null })).toBe('idle');
    expect(trayIconName({ kind: 'failed', progressStep: null })).toBe('failed');
    expect(trayIconName({ kind: 'running', progressStep: 40 })).toBe('running-40');
    expect(trayIconName({ kind: 'running', progressStep: 43 })).toBe('running-40');
    expect(trayIconName({ kind: 'running', progressStep: null })).toBe('running-0');
    expect(trayIconName({ kind: 'running', progressStep: 140 })).toBe('running-100');
  });

  it('is the rule the tray model uses', () => {
    const running = snapshot([server('lab')], [view('lab', job('1', { status: 'running', progress: 37 }))]);
    const model = buildTrayModel(running, { now: NOW, repositories: new Map() });
    expect(model.icon).toEqual(trayIcon(running.summary));
    expect(trayIconName(model.icon)).toBe('running-40');
  });
});
