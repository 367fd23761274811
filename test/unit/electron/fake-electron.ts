/**
 * Typed fakes of the parts of the `electron` module the adapters use (style.md §18). Each is
 * checked with `satisfies Pick<Electron.X, …>` so a change in Electron's API breaks this file.
 * Test files install it with `vi.mock('electron', () => import('./fake-electron'))` and read
 * what the adapters did from the same module.
 */
import { EventEmitter } from 'node:events';
import type { MenuItemConstructorOptions } from 'electron';

type Listener = (...args: unknown[]) => void;

/** An EventEmitter whose `on` is typed loosely enough to satisfy Electron's overloads. */
class Emitter {
  readonly events = new EventEmitter();
  on(event: string, listener: Listener): this {
    this.events.on(event, listener);
    return this;
  }
  once(event: string, listener: Listener): this {
    this.events.once(event, listener);
    return this;
  }
  off(event: string, listener: Listener): this {
    this.events.off(event, listener);
    return this;
  }
  emit(event: string, ...args: unknown[]): boolean {
    return this.events.emit(event, ...args);
  }
}

export class FakeNativeImage {
  template = false;
  constructor(readonly path: string) {}
  setTemplateImage(value: boolean): void {
    this.template = value;
  }
}

export const nativeImage = {
  createFromPath: (path: string) => new FakeNativeImage(path) as unknown as Electron.NativeImage,
};

export class FakeMenu {
  constructor(readonly template: MenuItemConstructorOptions[]) {}
}

export const Menu = {
  buildFromTemplate: (template: MenuItemConstructorOptions[]) =>
    new FakeMenu(template) as unknown as Electron.Menu,
};

export class FakeTray extends Emitter {
  static created: FakeTray[] = [];
  static failNext = false;
  image: FakeNativeImage;
  tooltip = '';
  menu: FakeMenu | null = null;
  readonly calls = { setImage: 0, setToolTip: 0, setContextMenu: 0 };

  constructor(image: Electron.NativeImage) {
    super();
    if (FakeTray.failNext) {
      FakeTray.failNext = false;
      throw new Error('no tray on this desktop');
    }
    this.image = image as unknown as FakeNativeImage;
    FakeTray.created.push(this);
  }
  setImage(image: Electron.NativeImage | string): void {
    this.calls.setImage += 1;
    this.image = image as unknown as FakeNativeImage;
  }
  setToolTip(toolTip: string): void {
    this.calls.setToolTip += 1;
    this.tooltip = toolTip;
  }
  setContextMenu(menu: Electron.Menu | null): void {
    this.calls.setContextMenu += 1;
    this.menu = menu as unknown as FakeMenu | null;
  }
  getBounds(): Electron.Rectangle {
    return { x: 1000, y: 0, width: 22, height: 22 };
  }
  setIgnoreDoubleClickEvents(_ignore: boolean): void {}
}

/** The checks that keep the fakes honest against Electron 45's declarations. */
export const trayShape = FakeTray.prototype satisfies Pick<
  Electron.Tray,
  'setImage' | 'setToolTip' | 'setContextMenu' | 'getBounds' | 'setIgnoreDoubleClickEvents'
>;

export class FakeWebFrame {
  constructor(
    public url: string,
    public parent: FakeWebFrame | null = null,
  ) {}
}

export class FakeWebContents extends Emitter {
  readonly sent: { channel: string; payload: unknown }[] = [];
  destroyed = false;
  loading = false;
  windowOpenHandler: ((details: Electron.HandlerDetails) => Electron.WindowOpenHandlerResponse) | null = null;
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, payload: args[0] });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isLoading(): boolean {
    return this.loading;
  }
  setWindowOpenHandler(
    handler: (details: Electron.HandlerDetails) => Electron.WindowOpenHandlerResponse,
  ): void {
    this.windowOpenHandler = handler;
  }
}
export const webContentsShape = FakeWebContents.prototype satisfies Pick<
  Electron.WebContents,
  'send' | 'isDestroyed' | 'isLoading' | 'setWindowOpenHandler'
>;

export class FakeBrowserWindow extends Emitter {
  static created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loaded: { file?: string; url?: string } = {};
  visible = false;
  progress: number | null = null;
  bounds: Electron.Rectangle;
  constructor(readonly options: Electron.BrowserWindowConstructorOptions) {
    super();
    this.bounds = {
      x: options.x ?? 0,
      y: options.y ?? 0,
      width: options.width ?? 0,
      height: options.height ?? 0,
    };
    FakeBrowserWindow.created.push(this);
  }
  async loadFile(path: string): Promise<void> {
    this.loaded = { file: path };
  }
  async loadURL(url: string): Promise<void> {
    this.loaded = { url };
  }
  removeMenu(): void {}
  isDestroyed(): boolean {
    return false;
  }
  setProgressBar(progress: number): void {
    this.progress = progress;
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  minimized = false;
  focus(): void {}
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  minimize(): void {
    this.minimized = true;
  }
  restore(): void {
    this.minimized = false;
  }
  isFullScreen(): boolean {
    return false;
  }
  center(): void {
    this.bounds = { ...this.bounds, x: 760, y: 240 };
  }
  setPosition(x: number, y: number): void {
    this.bounds = { ...this.bounds, x, y };
  }
  getBounds(): Electron.Rectangle {
    return this.bounds;
  }
  getNormalBounds(): Electron.Rectangle {
    return this.bounds;
  }
  /** What a person closing the window does; true when the close went ahead. */
  tryClose(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    return !prevented;
  }
}
export const browserWindowShape = FakeBrowserWindow.prototype satisfies Pick<
  Electron.BrowserWindow,
  | 'loadFile'
  | 'loadURL'
  | 'removeMenu'
  | 'isDestroyed'
  | 'setProgressBar'
  | 'show'
  | 'hide'
  | 'focus'
  | 'isVisible'
  | 'isMinimized'
  | 'minimize'
  | 'restore'
  | 'isFullScreen'
  | 'center'
  | 'setPosition'
  | 'getBounds'
  | 'getNormalBounds'
>;
export const BrowserWindow = FakeBrowserWindow;

type InvokeHandler = (event: Electron.IpcMainInvokeEvent, ...args: unknown[]) => unknown;
export const ipcMainHandlers = new Map<string, InvokeHandler>();
export const ipcMain = {
  handle(channel: string, listener: InvokeHandler): void {
    ipcMainHandlers.set(channel, listener);
  },
  removeHandler(channel: string): void {
    ipcMainHandlers.delete(channel);
  },
  // electron-store registers a sync listener for its renderer half; the app never uses it.
  on(_channel: string, _listener: Listener): void {},
} satisfies Pick<Electron.IpcMain, 'handle' | 'removeHandler'> & { on: unknown };

export const app = {
  getPath: (_name: Parameters<Electron.App['getPath']>[0]) => '/nonexistent-user-data',
  getVersion: () => '0.1.0-test',
  quit: () => undefined,
  setBadgeCount: (_count?: number) => true,
} satisfies Pick<Electron.App, 'getPath' | 'getVersion' | 'quit' | 'setBadgeCount'>;

export const shell = { openExternal: async (_url: string) => undefined } satisfies Pick<
  Electron.Shell,
  'openExternal'
>;

export const screen = {
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
  getDisplayMatching: (_rect: Electron.Rectangle) => ({
    workArea: { x: 0, y: 0, width: 1920, height: 1080 },
  }),
};

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

/** Records privileged schemes (and whether they came before `ready`) and scheme handlers. */
export const protocol = {
  privileged: [] as Electron.CustomScheme[],
  handlers: new Map<string, ProtocolHandler>(),
  /** Set by a test once the fake app is "ready": Electron refuses privileged schemes after it. */
  ready: false,
  registerSchemesAsPrivileged(customSchemes: Electron.CustomScheme[]): void {
    if (protocol.ready) throw new Error('registerSchemesAsPrivileged must be called before app is ready');
    protocol.privileged.push(...customSchemes);
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    if (!protocol.ready) throw new Error('protocol.handle must be called after app is ready');
    if (protocol.handlers.has(scheme)) throw new Error(`the scheme "${scheme}" is already handled`);
    protocol.handlers.set(scheme, handler);
  },
  unhandle(scheme: string): void {
    protocol.handlers.delete(scheme);
  },
  isProtocolHandled(scheme: string): boolean {
    return protocol.handlers.has(scheme);
  },
} satisfies Pick<
  Electron.Protocol,
  'registerSchemesAsPrivileged' | 'handle' | 'unhandle' | 'isProtocolHandled'
> &
  Record<string, unknown>;

type PermissionRequestHandler = Parameters<Electron.Session['setPermissionRequestHandler']>[0];
type PermissionCheckHandler = Parameters<Electron.Session['setPermissionCheckHandler']>[0];
type DevicePermissionHandler = Parameters<Electron.Session['setDevicePermissionHandler']>[0];

/** The default session's permission handlers, as the app installed them. */
export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler = null;
  permissionCheckHandler: PermissionCheckHandler = null;
  devicePermissionHandler: DevicePermissionHandler = null;
  readonly webRequest = { onHeadersReceived: (_listener: unknown) => undefined };
  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: DevicePermissionHandler): void {
    this.devicePermissionHandler = handler;
  }
}
export const sessionShape = FakeSession.prototype satisfies Pick<
  Electron.Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
>;
export const session = { defaultSession: new FakeSession() };

/** Resets every recorder between tests. */
export function resetFakes(): void {
  FakeTray.created = [];
  FakeTray.failNext = false;
  FakeBrowserWindow.created = [];
  ipcMainHandlers.clear();
  protocol.privileged = [];
  protocol.handlers.clear();
  protocol.ready = false;
  session.defaultSession = new FakeSession();
}

const electronModule = {
  nativeImage,
  Menu,
  Tray: FakeTray,
  BrowserWindow,
  ipcMain,
  app,
  shell,
  screen,
  protocol,
  session,
};
export default electronModule;
export { FakeTray as Tray };
