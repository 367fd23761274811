/** The window's size and position, remembered in `window-state.json` beside config.json. */
import { z } from 'zod';
import { JsonDocumentStore } from '../core/config/json-document-store';
import { configDocumentPath } from '../core/config/paths';

export const WINDOW_STATE_FILE_NAME = 'window-state.json';

const boundsSchema = z.object({
  width: z.number().int().min(200).max(10_000),
  height: z.number().int().min(200).max(10_000),
  x: z.number().int().optional(),
  y: z.number().int().optional(),
});
export type WindowBounds = z.infer<typeof boundsSchema>;

const stateSchema = z.object({ version: z.literal(1), bounds: boundsSchema.nullable() });

export const DEFAULT_WINDOW_SIZE = { width: 420, height: 640 } as const;

export interface WindowStateStore {
  read(): WindowBounds | null;
  write(bounds: WindowBounds): void;
}

export function windowStateStore(configDir: string): WindowStateStore {
  const document = new JsonDocumentStore({
    path: configDocumentPath(configDir, WINDOW_STATE_FILE_NAME),
    schema: stateSchema,
    defaults: () => ({ version: 1 as const, bounds: null }),
  });
  return {
    read: () => document.read().bounds,
    write(bounds) {
      const parsed = boundsSchema.safeParse(bounds);
      // A minimised or odd-sized window is not worth remembering; never crash over it.
      if (!parsed.success) return;
      try {
        document.write({ version: 1, bounds: parsed.data });
      } catch {
        // The window will just open at its default place next time.
      }
    },
  };
}
