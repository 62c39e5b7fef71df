import { writeFileSync } from 'node:fs';
import { rulesMarkdown } from './rules-doc';

writeFileSync(new URL('../docs/rules.md', import.meta.url), rulesMarkdown());
console.log('docs/rules.md written');
