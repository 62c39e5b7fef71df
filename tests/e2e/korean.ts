/**
 * "No English on the screen" for the Korean check. Allowed: product and service names, Azure's own
 * status values and terms users see in the portal, acronyms, identifiers (camelCase, with digits, dots,
 * dashes or underscores: resource names, commands, properties) and any word of the user's input.
 */
const ALLOWED = new Set(
  [
    // product and tool names
    'azure', 'application', 'gateway', 'appgw', 'doctor', 'powershell', 'cloud', 'shell', 'cli', 'microsoft', 'english', 'windows',
    'app', 'service', 'api', 'management', 'front', 'door', 'key', 'vault', 'container', 'apps', 'storage', 'firewall', 'openssl', 'iis', 'nginx',
    'kubernetes', 'ingress', 'controller', 'expressroute', 'vpn', 'bgp', 'indexeddb', 'sarif', 'json', 'rest', 'arm', 'markdown',
    // Azure's status values and portal terms (shown as Azure shows them)
    'bad', 'healthy', 'unhealthy', 'unknown', 'up', 'down', 'draining', 'partial', 'running', 'stopped', 'starting', 'stopping', 'succeeded', 'failed', 'updating',
    'basic', 'standard', 'waf', 'internet', 'virtualappliance', 'virtualnetwork', 'none', 'allow', 'deny', 'inbound', 'outbound', 'tcp', 'udp', 'any',
    'gatewaymanager', 'azureloadbalancer', 'default', 'enabled', 'disabled', 'true', 'false', 'details', 'test',
    // command fragments that appear in running text
    'az', 'gw', 'rg', 'depth', 'get', 'set', 'new', 'add', 'update', 'show', 'list', 'network', 'nic', 'vnet', 'subnet',
    // units
    'ms', 'kb', 'mb', 'b', 's',
    // Azure Monitor's product name, and keys as printed on the keyboard
    'log', 'analytics', 'enter', 'tab',
  ].map((w) => w.toLowerCase()),
);

export function englishWords(text: string, inputWords: Set<string>): string[] {
  const bad = new Set<string>();
  // Quoted text is a verbatim message of Azure or the input (a portal error, a probe log), kept as Azure words it.
  text = text.replace(/"[^"\n]*"|“[^”\n]*”|'[^'\n]*'/g, ' ');
  for (const m of text.matchAll(/[A-Za-z][A-Za-z0-9._+\-/]*/g)) {
    const w = m[0].replace(/[.\-/]+$/, '');
    if (!w) continue;
    if (m.index && text[m.index - 1] === '-') continue; // a command's flag: -servername, -noout
    if (m.index && /[0-9]/.test(text[m.index - 1])) continue; // a status class or unit glued to a number: 5xx, 30s
    if (/[0-9._\-/+]/.test(w)) continue; // identifiers, versions, host names, paths, commands
    if (/^[A-Z]{2,}s?$/.test(w)) continue; // acronyms: NSG, UDR, HTTP, SNI, IPs
    if (/[a-z][A-Z]/.test(w)) continue; // camelCase / PascalCase identifiers: pickHostNameFromBackendAddress, PowerShell
    const l = w.toLowerCase();
    if (ALLOWED.has(l) || inputWords.has(l)) continue;
    bad.add(w);
  }
  return [...bad].sort();
}
