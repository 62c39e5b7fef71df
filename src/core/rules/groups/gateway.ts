import type { Rule } from '../types';

export const gatewayRules: Rule[] = [];
