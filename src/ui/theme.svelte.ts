/** Light/dark: follows prefers-color-scheme unless the user picks one (remembered). */
import { readSetting, writeSetting } from '../storage/settings';

export type ThemeChoice = 'auto' | 'light' | 'dark';

const saved = readSetting('theme');
const state = $state({ choice: (saved === 'light' || saved === 'dark' ? saved : 'auto') as ThemeChoice });

function apply(c: ThemeChoice) {
  if (typeof document === 'undefined') return;
  if (c === 'auto') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = c;
}
apply(state.choice);

export const theme = {
  get choice(): ThemeChoice {
    return state.choice;
  },
  set choice(c: ThemeChoice) {
    state.choice = c;
    writeSetting('theme', c === 'auto' ? null : c);
    apply(c);
  },
};
