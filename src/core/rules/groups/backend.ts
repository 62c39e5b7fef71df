import type { Rule } from '../types';

export const backendRules: Rule[] = [];
