/**
 * Samples shipped with the app: one clean gateway, one per cause in the guide's order, and one gateway plus its
 * access-log export per 502 class (traffic). Each loads
 * lazily (a separate chunk in the hosted build, precached for offline use; inlined in the single file).
 * The first file of a sample goes into the paste box; the others are added as documents.
 */
export type SampleId =
  | 'clean' | 'nsg' | 'udr' | 'dns' | 'default-probe' | 'custom-probe' | 'request-timeout' | 'empty-pool' | 'unhealthy-backend' | 'backend-tls'
  | 'traffic-no-healthy-backend' | 'traffic-backend-timeout' | 'traffic-backend-5xx' | 'traffic-backend-closed' | 'traffic-client' | 'traffic-capacity';

export interface SampleFile {
  name: string;
  load: () => Promise<string>;
}

const raw = (p: Promise<{ default: string }>) => p.then((m) => m.default);

export const SAMPLES: { id: SampleId; files: SampleFile[] }[] = [
  { id: 'clean', files: [
    { name: 'clean-gateway.arm.json', load: () => raw(import('./clean-gateway.arm.json?raw')) },
    { name: 'clean-health.ps.json', load: () => raw(import('./clean-health.ps.json?raw')) },
  ] },
  { id: 'nsg', files: [
    { name: 'nsg-gateway.ps.json', load: () => raw(import('./nsg-gateway.ps.json?raw')) },
    { name: 'nsg-vnet.arm.json', load: () => raw(import('./nsg-vnet.arm.json?raw')) },
    { name: 'nsg-backend-nsg.arm.json', load: () => raw(import('./nsg-backend-nsg.arm.json?raw')) },
    { name: 'nsg-health.ps.json', load: () => raw(import('./nsg-health.ps.json?raw')) },
  ] },
  { id: 'udr', files: [
    { name: 'udr-gateway.cli.json', load: () => raw(import('./udr-gateway.cli.json?raw')) },
    { name: 'udr-vnet.cli.json', load: () => raw(import('./udr-vnet.cli.json?raw')) },
    { name: 'udr-route-table.cli.json', load: () => raw(import('./udr-route-table.cli.json?raw')) },
  ] },
  { id: 'dns', files: [
    { name: 'dns-gateway.arm.json', load: () => raw(import('./dns-gateway.arm.json?raw')) },
    { name: 'dns-vnet.arm.json', load: () => raw(import('./dns-vnet.arm.json?raw')) },
    { name: 'dns-health.cli.json', load: () => raw(import('./dns-health.cli.json?raw')) },
  ] },
  { id: 'default-probe', files: [
    { name: 'default-probe-gateway.ps.txt', load: () => raw(import('./default-probe-gateway.ps.txt?raw')) },
    { name: 'default-probe-health.ps.json', load: () => raw(import('./default-probe-health.ps.json?raw')) },
  ] },
  { id: 'custom-probe', files: [
    { name: 'custom-probe-gateway.ps.json', load: () => raw(import('./custom-probe-gateway.ps.json?raw')) },
    { name: 'custom-probe-health.ps.json', load: () => raw(import('./custom-probe-health.ps.json?raw')) },
  ] },
  { id: 'request-timeout', files: [
    { name: 'request-timeout-gateway.arm.json', load: () => raw(import('./request-timeout-gateway.arm.json?raw')) },
  ] },
  { id: 'empty-pool', files: [
    { name: 'empty-pool-gateway.cli.json', load: () => raw(import('./empty-pool-gateway.cli.json?raw')) },
  ] },
  { id: 'unhealthy-backend', files: [
    { name: 'unhealthy-gateway.arm.json', load: () => raw(import('./unhealthy-gateway.arm.json?raw')) },
    { name: 'unhealthy-health.ps.json', load: () => raw(import('./unhealthy-health.ps.json?raw')) },
  ] },
  { id: 'backend-tls', files: [
    { name: 'backend-tls-gateway.ps.txt', load: () => raw(import('./backend-tls-gateway.ps.txt?raw')) },
    { name: 'backend-tls-health.ps.json', load: () => raw(import('./backend-tls-health.ps.json?raw')) },
  ] },
  // Traffic: a gateway plus its access-log export (and backend health / metrics), one per 502 class (logs-and-metrics.md §6).
  { id: 'traffic-no-healthy-backend', files: [
    { name: 'traffic-no-healthy-gateway.arm.json', load: () => raw(import('./traffic-no-healthy-gateway.arm.json?raw')) },
    { name: 'traffic-no-healthy-PT1H.json', load: () => raw(import('./traffic-no-healthy-PT1H.json?raw')) },
    { name: 'traffic-no-healthy-health.ps.json', load: () => raw(import('./traffic-no-healthy-health.ps.json?raw')) },
    { name: 'traffic-no-healthy-metrics.json', load: () => raw(import('./traffic-no-healthy-metrics.json?raw')) },
  ] },
  { id: 'traffic-backend-timeout', files: [
    { name: 'traffic-timeout-gateway.ps.json', load: () => raw(import('./traffic-timeout-gateway.ps.json?raw')) },
    { name: 'traffic-timeout-AzureDiagnostics.csv', load: () => raw(import('./traffic-timeout-AzureDiagnostics.csv?raw')) },
  ] },
  { id: 'traffic-backend-5xx', files: [
    { name: 'traffic-backend-5xx-gateway.cli.json', load: () => raw(import('./traffic-backend-5xx-gateway.cli.json?raw')) },
    { name: 'traffic-backend-5xx-AGWAccessLogs.csv', load: () => raw(import('./traffic-backend-5xx-AGWAccessLogs.csv?raw')) },
    { name: 'traffic-backend-5xx-health.cli.json', load: () => raw(import('./traffic-backend-5xx-health.cli.json?raw')) },
  ] },
  { id: 'traffic-backend-closed', files: [
    { name: 'traffic-closed-gateway.arm.json', load: () => raw(import('./traffic-closed-gateway.arm.json?raw')) },
    { name: 'traffic-closed-PT1H.json', load: () => raw(import('./traffic-closed-PT1H.json?raw')) },
  ] },
  { id: 'traffic-client', files: [
    { name: 'traffic-client-gateway.cli.json', load: () => raw(import('./traffic-client-gateway.cli.json?raw')) },
    { name: 'traffic-client-AzureDiagnostics.csv', load: () => raw(import('./traffic-client-AzureDiagnostics.csv?raw')) },
  ] },
  { id: 'traffic-capacity', files: [
    { name: 'traffic-capacity-gateway.ps.json', load: () => raw(import('./traffic-capacity-gateway.ps.json?raw')) },
    { name: 'traffic-capacity-AGWAccessLogs.csv', load: () => raw(import('./traffic-capacity-AGWAccessLogs.csv?raw')) },
    { name: 'traffic-capacity-metrics.json', load: () => raw(import('./traffic-capacity-metrics.json?raw')) },
  ] },
];
