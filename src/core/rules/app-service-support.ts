/**
 * Which App Service (from `az webapp show` / `hostname list` / `access-restriction show`) sits behind which pool member
 * (GUIDE-2026 Resolution I, WEBAPP). A member matches an app by its default host name, a bound host name, or
 * `<app name>.azurewebsites.net`. Not a rule.
 */
import type { BackendAddressPool, Workspace } from '../model/types';
import type { AppService } from '../traffic/types';

export function appServices(ws: Workspace): AppService[] {
  return ws.traffic?.appServices ?? [];
}

export function appOfFqdn(apps: AppService[], fqdn: string): AppService | undefined {
  const f = fqdn.trim().toLowerCase().replace(/\.$/, '');
  return apps.find((a) => a.defaultHostName === f || a.hostNames.includes(f) || (!!a.name && f === `${a.name.toLowerCase()}.azurewebsites.net`));
}

/** App Services that are members of the pool, with the member's FQDN. */
export function appsInPool(apps: AppService[], pool: BackendAddressPool): { app: AppService; fqdn: string }[] {
  const out: { app: AppService; fqdn: string }[] = [];
  for (const a of pool.backendAddresses) {
    if (!a.fqdn) continue;
    const app = appOfFqdn(apps, a.fqdn);
    if (app && !out.some((x) => x.app === app)) out.push({ app, fqdn: a.fqdn.trim().toLowerCase() });
  }
  return out;
}

export function appLabel(app: AppService): string {
  return app.name ?? app.defaultHostName ?? '(app)';
}
