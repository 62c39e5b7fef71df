import { readFileSync } from 'node:fs';
import { loadText } from '../../../src/core/input/load';
import { buildWorkspace } from '../../../src/core/model/workspace';
import { restGateway } from '../../fixtures/forms';
import type { TrafficClass } from '../../../src/core/traffic/types';
import type { Workspace } from '../../../src/core/model/types';

export const fixture = (name: string) => readFileSync(new URL(`../../fixtures/traffic/${name}`, import.meta.url), 'utf8');

export function gatewayText(mutate?: (gw: any) => void): string {
  const gw = restGateway();
  mutate?.(gw);
  return JSON.stringify(gw);
}

/** Documents (name → text) → workspace, with the fixture gateway unless told otherwise. */
export function workspaceOf(docs: Record<string, string>, withGateway: boolean | string = true): Workspace {
  const models = Object.entries(docs).map(([n, t]) => loadText(n, t).model);
  if (withGateway) models.unshift(loadText('gateway.json', typeof withGateway === 'string' ? withGateway : gatewayText()).model);
  return buildWorkspace(models);
}

export function classCounts(ws: Workspace, index = 0): Partial<Record<TrafficClass, number>> {
  const a = ws.traffic?.gateways[index]?.access;
  const out: Partial<Record<TrafficClass, number>> = {};
  for (const [c, s] of Object.entries(a?.classes ?? {})) if (s && s.count) out[c as TrafficClass] = s.count;
  return out;
}
