/**
 * Which file in assets/tray shows a tray icon state. `nativeImage.createFromPath` picks up the
 * `@2x` file beside it on high-DPI screens, and macOS treats a name ending in `Template` as a
 * template image (drawn black, recoloured by the menu bar for dark mode and highlight).
 */
import { nativeImage, type NativeImage } from 'electron';
import type { TrayIcon } from '../core/tray/tray-model-types';
import { trayIconName } from '../core/tray/tray-icon';

export function trayIconFileName(icon: TrayIcon, platform: NodeJS.Platform): string {
  return `${trayIconName(icon)}${platform === 'darwin' ? 'Template' : ''}.png`;
}

/** Loads each icon once: redrawing the tray on every patch must not re-read files. */
export function trayImageLoader(
  assetPath: (...parts: string[]) => string,
  platform: NodeJS.Platform,
): (icon: TrayIcon) => NativeImage {
  const cache = new Map<string, NativeImage>();
  return (icon) => {
    const name = trayIconFileName(icon, platform);
    let image = cache.get(name);
    if (!image) {
      image = nativeImage.createFromPath(assetPath('tray', name));
      if (platform === 'darwin') image.setTemplateImage(true);
      cache.set(name, image);
    }
    return image;
  };
}
