/**
 * Applies the pure tray model to Electron's Tray. The adapter is a projection of the core's
 * patch stream (core/tray/tray-projection.ts): it joins from one snapshot, follows patches, and
 * renders at most 4 times a second and every 15 s (so "Updated 2 min ago" stays honest). Only
 * what changed is set again; the menu is rebuilt only when its text changed, because replacing
 * it closes a menu the person has open.
 */
import type { MenuItemConstructorOptions, Menu, NativeImage, Tray } from 'electron';
import type { Clock, TimerHandle } from '../core/clock';
import type { Monitor } from '../core/monitor/monitor-types';
import { buildTrayModel } from '../core/tray/tray-model';
import { createTrayProjection } from '../core/tray/tray-projection';
import type { RepositoryList, TrayAction, TrayIcon, TrayModel } from '../core/tray/tray-model-types';
import { runTrayAction, type TrayActionDeps } from './tray-actions';
import { menuTemplate } from './tray-menu-template';

export type TrayLike = Pick<Tray, 'setImage' | 'setToolTip' | 'setContextMenu' | 'on'>;

export const MIN_RENDER_INTERVAL_MS = 250;
export const AGE_REFRESH_MS = 15_000;
/** Windows cuts tray tooltips at 127 characters (NOTIFYICONDATA.szTip). */
export const WINDOWS_TOOLTIP_MAX = 127;

export interface TrayAdapterDeps extends Omit<TrayActionDeps, 'repositories' | 'refresh' | 'core' | 'now'> {
  /** Null on desktops without a tray: the taskbar still follows the model. */
  tray: TrayLike | null;
  core: Pick<Monitor, 'snapshot' | 'subscribe'> & TrayActionDeps['core'];
  /** `Menu.buildFromTemplate` in the app; injected so the adapter runs without Electron (tests, bench). */
  buildMenu(template: MenuItemConstructorOptions[]): Menu;
  clock: Clock;
  platform: NodeJS.Platform;
  imageFor(icon: TrayIcon): NativeImage;
  /** Taskbar progress and badge follow the same model. */
  onModel?(model: TrayModel): void;
  onActionError?(error: unknown): void;
}

export interface TrayAdapter {
  render(): void;
  readonly repositories: Map<string, RepositoryList>;
  /** How often each part was set on the tray (for the benchmark and the log). */
  readonly counts: { renders: number; icons: number; tooltips: number; menus: number };
  dispose(): void;
}

export function tooltipFor(text: string, platform: NodeJS.Platform): string {
  return platform === 'win32' && text.length > WINDOWS_TOOLTIP_MAX
    ? `${text.slice(0, WINDOWS_TOOLTIP_MAX - 1)}…`
    : text;
}

export function createTrayAdapter(deps: TrayAdapterDeps): TrayAdapter {
  const { clock, tray, platform } = deps;
  const repositories = new Map<string, RepositoryList>();
  const applied = { icon: '', tooltip: '', menu: '' };
  const counts = { renders: 0, icons: 0, tooltips: 0, menus: 0 };
  const projection = createTrayProjection(deps.core.snapshot());
  let lastRender = Number.NEGATIVE_INFINITY;
  let pending: TimerHandle | null = null;
  let ageTimer: TimerHandle | null = null;
  let disposed = false;

  const run = (action: TrayAction) => {
    runTrayAction(action, {
      ...deps,
      repositories,
      refresh: () => render(),
      now: () => clock.now(),
    }).catch((error: unknown) => deps.onActionError?.(error));
  };

  function render(): void {
    if (disposed) return;
    lastRender = clock.now();
    counts.renders += 1;
    const model = buildTrayModel(projection.view(), { now: lastRender, repositories });
    deps.onModel?.(model);
    if (!tray) return;
    const iconKey = `${model.icon.kind}:${model.icon.progressStep ?? ''}`;
    if (iconKey !== applied.icon) {
      tray.setImage(deps.imageFor(model.icon));
      applied.icon = iconKey;
      counts.icons += 1;
    }
    const tooltip = tooltipFor(model.tooltip, platform);
    if (tooltip !== applied.tooltip) {
      tray.setToolTip(tooltip);
      applied.tooltip = tooltip;
      counts.tooltips += 1;
    }
    const menuKey = JSON.stringify(model.menu);
    if (menuKey !== applied.menu) {
      tray.setContextMenu(deps.buildMenu(menuTemplate(model.menu, run, platform)));
      applied.menu = menuKey;
      counts.menus += 1;
    }
  }

  function schedule(): void {
    if (pending !== null || disposed) return;
    const wait = Math.max(0, lastRender + MIN_RENDER_INTERVAL_MS - clock.now());
    pending = clock.setTimeout(() => {
      pending = null;
      render();
    }, wait);
  }

  function keepAgeFresh(): void {
    ageTimer = clock.setTimeout(() => {
      render();
      keepAgeFresh();
    }, AGE_REFRESH_MS);
  }

  const unsubscribe = deps.core.subscribe((patch) => {
    // A skipped version means something was missed: join again from a fresh snapshot.
    if (!projection.apply(patch)) projection.reset(deps.core.snapshot());
    schedule();
  });
  // Windows and most Linux panels: a left click opens the window, the menu is on right click.
  if (tray && platform !== 'darwin') tray.on('click', () => deps.openWindow());
  render();
  keepAgeFresh();

  return {
    render,
    repositories,
    counts,
    dispose() {
      disposed = true;
      unsubscribe();
      if (pending !== null) clock.clearTimeout(pending);
      if (ageTimer !== null) clock.clearTimeout(ageTimer);
    },
  };
}
