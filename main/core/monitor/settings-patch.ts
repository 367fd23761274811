/**
 * A settings change as a person makes it: only the fields that change, at any depth
 * (`{ notifications: { quietHours: { enabled: true } } }`), validated against the whole schema.
 */
import type { CidxFailure } from '../cidx/failure';
import { describeZodError } from '../config/config-issues';
import type { AppSettings } from '../config/settings';
import { appSettingsSchema } from '../config/settings';
import { isRecord } from '../is-record';
import type { Result } from '../result';
import { err, ok } from '../result';

type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

export type SettingsPatch = DeepPartial<AppSettings>;

function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isRecord(base) || !isRecord(patch)) return patch === undefined ? base : patch;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) merged[key] = deepMerge(base[key], value);
  return merged;
}

/** The settings after `patch`, or why the patch is not acceptable (paths and rules, never values). */
export function applySettingsPatch(
  current: AppSettings,
  patch: SettingsPatch,
): Result<AppSettings, CidxFailure> {
  if (!isRecord(patch)) return err({ kind: 'invalid-input', message: 'Settings not changed: not an object' });
  const parsed = appSettingsSchema.safeParse(deepMerge(current, patch));
  if (!parsed.success) {
    return err({
      kind: 'invalid-input',
      message: `Settings not changed: ${describeZodError(parsed.error)}`,
    });
  }
  return ok(parsed.data);
}
