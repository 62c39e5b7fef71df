/**
 * Exported / authored ARM templates: evaluate the expressions (src/core/template), then hand each
 * resource to the same normalizer as REST bodies. Resources in a template carry no `id`; it is built
 * from type and name the way resourceId() does, so references made with resourceId()/concat() match.
 */
import { evaluateTemplate, isUnknown } from '../../template';
import { isObj, str, get, type Obj } from '../../model/access';

export function isTemplate(v: unknown): boolean {
  if (!isObj(v)) return false;
  const schema = str(get(v, '$schema'));
  if (schema && /deploymentTemplate\.json/i.test(schema)) return true;
  return get(v, 'resources') !== undefined && get(v, 'contentVersion') !== undefined;
}

export interface TemplateResourceUnit {
  type: string;
  value: Obj;
  pointer: string;
}

export function loadTemplate(template: Obj): { resources: TemplateResourceUnit[]; problems: { message: string; pointer: string }[] } {
  const out = evaluateTemplate(template);
  const { subscriptionId, resourceGroupName } = out.context;
  const resources: TemplateResourceUnit[] = [];
  for (const r of out.resources) {
    if (!isObj(r.value) || typeof r.type !== 'string') continue;
    const name = isUnknown(r.name) ? undefined : String(r.name);
    const value: Obj = { ...r.value };
    if (name !== undefined) {
      const typeParts = r.type.split('/');
      const ns = typeParts[0];
      const types = typeParts.slice(1);
      const names = name.split('/');
      let id = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroupName}/providers/${ns}`;
      types.forEach((t, i) => (id += `/${t}/${names[i] ?? names[names.length - 1]}`));
      if (value.id === undefined) value.id = id;
      value.name = names[names.length - 1];
    }
    value.type = r.type;
    resources.push({ type: r.type, value, pointer: r.pointer });
  }
  return { resources, problems: out.problems };
}
