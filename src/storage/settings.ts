/**
 * Small preferences in localStorage (language, theme, "don't keep anything"). localStorage can be
 * missing or throw (file:// in some browsers, privacy modes): then the defaults apply for this visit.
 */
const PREFIX = 'appgw502.';

export function readSetting(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(PREFIX + key) ?? null;
  } catch {
    return null;
  }
}

export function writeSetting(key: string, value: string | null): void {
  try {
    if (value === null) globalThis.localStorage?.removeItem(PREFIX + key);
    else globalThis.localStorage?.setItem(PREFIX + key, value);
  } catch {
    /* not kept: the choice still holds for this visit */
  }
}
