/**
 * Where the window opens: where the person left it if that is still on a screen; otherwise next
 * to the tray icon where the platform reports its bounds (macOS menu bar, Windows taskbar);
 * otherwise (Linux, whose StatusNotifier gives no bounds) centred.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const MARGIN = 8;

const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(value, max));

/** True when at least a grabbable part of the window (its top 40 px) lies on one of the screens. */
export function isOnScreen(bounds: Rect, workAreas: readonly Rect[]): boolean {
  return workAreas.some(
    (area) =>
      bounds.x + bounds.width > area.x + 40 &&
      bounds.x < area.x + area.width - 40 &&
      bounds.y >= area.y - 10 &&
      bounds.y < area.y + area.height - 40,
  );
}

/**
 * Below the icon when the tray is at the top of the screen (macOS), above it when at the bottom
 * (Windows' default taskbar), horizontally centred on the icon and kept inside the work area.
 */
export function positionNearTray(
  tray: Rect,
  size: { width: number; height: number },
  workArea: Rect,
): { x: number; y: number } {
  const trayCentreY = tray.y + tray.height / 2;
  const atTop = trayCentreY < workArea.y + workArea.height / 2;
  const x = Math.round(tray.x + tray.width / 2 - size.width / 2);
  const y = atTop ? tray.y + tray.height + MARGIN : tray.y - size.height - MARGIN;
  return {
    x: clamp(x, workArea.x + MARGIN, workArea.x + workArea.width - size.width - MARGIN),
    y: clamp(Math.round(y), workArea.y + MARGIN, workArea.y + workArea.height - size.height - MARGIN),
  };
}
