/** The tray model's menu data as Electron menu items; clicks run the item's TrayAction. */
import type { MenuItemConstructorOptions } from 'electron';
import { truncateText } from '../core/text/clean-text';
import type { TrayAction, TrayMenuItem } from '../core/tray/tray-model-types';

const MAX_LABEL = 80;

/**
 * Server text is shown as text: on Windows and Linux Electron reads "&" as a mnemonic marker,
 * so a repository named "R&D" must be written "R&&D" (escaping); long names are cut. Cleaning
 * happened where the text entered (core/text/clean-text), not here.
 */
export function menuLabel(text: string, platform: NodeJS.Platform): string {
  const cut = truncateText(text, MAX_LABEL);
  return platform === 'darwin' ? cut : cut.replace(/&/g, '&&');
}

export function menuTemplate(
  items: readonly TrayMenuItem[],
  run: (action: TrayAction) => void,
  platform: NodeJS.Platform,
): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.type) {
      case 'separator':
        return { type: 'separator' };
      case 'label':
        return { label: menuLabel(item.label, platform), enabled: false };
      case 'action':
        return {
          label: menuLabel(item.label, platform),
          enabled: item.enabled,
          click: () => run(item.action),
        };
      case 'submenu':
        return { label: menuLabel(item.label, platform), submenu: menuTemplate(item.items, run, platform) };
    }
  });
}
