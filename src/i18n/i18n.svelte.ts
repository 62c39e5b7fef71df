/**
 * The UI's language: chosen from navigator.language, switchable, remembered in localStorage. `t()` reads
 * reactive state, so every component re-renders when the language changes. Dates and numbers go through
 * Intl in the chosen locale.
 */
import { en, type MessageKey, type Messages } from './en';
import { ko } from './ko';
import { fill, pickLocale, type Locale } from './format';
import { readSetting, writeSetting } from '../storage/settings';

export type { Locale, MessageKey };

const DICTS: Record<Locale, Messages> = { en, ko };

const initial = pickLocale(readSetting('locale'), typeof navigator !== 'undefined' ? (navigator.languages?.length ? navigator.languages : [navigator.language]) : []);

const state = $state({ locale: initial });

function apply(l: Locale) {
  if (typeof document !== 'undefined') document.documentElement.lang = l;
}
apply(initial);

export const i18n = {
  get locale(): Locale {
    return state.locale;
  },
  set locale(l: Locale) {
    state.locale = l;
    writeSetting('locale', l);
    apply(l);
  },
};

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return fill(DICTS[state.locale][key] ?? en[key] ?? key, params);
}

/** Plural-aware: uses `key_one` / `key_other` by Intl.PluralRules. */
export function tn(key: string, n: number, params: Record<string, string | number> = {}): string {
  const cat = new Intl.PluralRules(state.locale).select(n) === 'one' ? 'one' : 'other';
  return t(`${key}_${cat}` as MessageKey, { n: formatNumber(n), ...params });
}

/** A key built at run time (kinds, categories, health values): its text if the dictionary has it. */
export function tMaybe(key: string, params?: Record<string, string | number>): string | undefined {
  return key in en ? t(key as MessageKey, params) : undefined;
}

export function formatNumber(n: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(state.locale, options).format(n);
}

export function formatDate(ms: number | string | Date): string {
  return new Intl.DateTimeFormat(state.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${formatNumber(n)} B`;
  if (n < 1024 * 1024) return `${formatNumber(n / 1024, { maximumFractionDigits: 1 })} KB`;
  return `${formatNumber(n / 1048576, { maximumFractionDigits: 1 })} MB`;
}
