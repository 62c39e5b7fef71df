/**
 * Command lines filled with the user's own names. Rules build their fixes from these so every finding
 * prints commands in one style (Az PowerShell and az CLI).
 */
import type { Gateway } from '../model/types';

export const rgOf = (gw: Gateway) => gw.resourceGroup ?? '<resource-group>';

/** Quote a value for both PowerShell and bash when it has anything but safe characters. */
export function q(v: string | number): string {
  const s = String(v);
  return /^[\w.\-/:*@]+$/.test(s) ? s : `'${s.replace(/'/g, "''")}'`;
}

export const ps = {
  getGateway: (gw: Gateway) => `$gw = Get-AzApplicationGateway -Name ${q(gw.name)} -ResourceGroupName ${q(rgOf(gw))}`,
  setGateway: () => `Set-AzApplicationGateway -ApplicationGateway $gw`,
  backendHealth: (gw: Gateway) => `Get-AzApplicationGatewayBackendHealth -Name ${q(gw.name)} -ResourceGroupName ${q(rgOf(gw))} | ConvertTo-Json -Depth 100`,
  exportGateway: (gw: Gateway) => `Get-AzApplicationGateway -Name ${q(gw.name)} -ResourceGroupName ${q(rgOf(gw))} | ConvertTo-Json -Depth 100`,
};

export const az = {
  /** `az network application-gateway <sub-command> -g rg --gateway-name gw <args>` */
  sub: (gw: Gateway, subcommand: string, args: string) => `az network application-gateway ${subcommand} -g ${q(rgOf(gw))} --gateway-name ${q(gw.name)} ${args}`.trim(),
  gateway: (gw: Gateway, command: string, args = '') => `az network application-gateway ${command} -g ${q(rgOf(gw))} -n ${q(gw.name)} ${args}`.trim(),
  backendHealth: (gw: Gateway) => `az network application-gateway show-backend-health -g ${q(rgOf(gw))} -n ${q(gw.name)}`,
};
