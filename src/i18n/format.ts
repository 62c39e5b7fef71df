/** Pure helpers for the UI's strings: placeholders, the language to start with, plurals. */
export type Locale = 'en' | 'ko';
export const LOCALES: Locale[] = ['en', 'ko'];

/** `Hello {name}` + {name: 'x'} → `Hello x`; unknown placeholders stay as written. */
export function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (params[k] !== undefined ? String(params[k]) : m));
}

/** The placeholders a template uses, sorted (the dictionaries must agree on them). */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
}

/** First supported language among the browser's preferences: Korean for any `ko*`, otherwise English. */
export function pickLocale(saved: string | null | undefined, preferred: readonly string[]): Locale {
  if (saved === 'en' || saved === 'ko') return saved;
  for (const l of preferred) {
    const base = l.toLowerCase().split('-')[0];
    if (base === 'ko') return 'ko';
    if (base === 'en') return 'en';
  }
  return 'en';
}
