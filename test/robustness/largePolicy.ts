import { stringify } from 'yaml';

/**
 * A large, valid, real-looking site: `zones` zones of a /16 each, `assets` PLCs
 * spread over them round-robin, one conduit from the first zone to every other with
 * `flowsPerConduit` flows, one FortiGate with an interface in every zone, syslog.
 */
export function largePolicy(assets: number, zones = 20, flowsPerConduit = 20): string {
  const zoneDocs: Record<string, unknown> = {};
  for (let z = 0; z < zones; z++) {
    zoneDocs[`z${z}`] = { purdue: z === 0 ? 3 : 1, 'sl-target': 2, criticality: 'high', networks: [`10.${z % 250}.${Math.floor(z / 250) * 64}.0/18`] };
  }
  const assetDocs: Record<string, unknown> = {};
  for (let i = 0; i < assets; i++) {
    const z = i % zones;
    const n = Math.floor(i / zones) + 1;
    assetDocs[`a${i}`] = {
      zone: `z${z}`, type: 'plc', vendor: 'Rockwell Automation', model: 'SLC 5/05',
      address: `10.${z % 250}.${Math.floor(z / 250) * 64 + (n >> 8)}.${n & 255}`, profile: 'legacy-plc',
    };
  }
  const conduits: Record<string, unknown> = {};
  for (let z = 1; z < zones; z++) {
    const flows = [];
    for (let f = 0; f < flowsPerConduit; f++) {
      const src = `a${(f * zones) % assets}`;
      const dst = `a${(f * zones + z) % assets}`;
      if (src.length > 0 && assetZone(src, zones) === 0 && assetZone(dst, zones) === z) flows.push({ from: src, to: [dst], protocol: 'modbus' });
    }
    if (flows.length === 0) flows.push({ from: 'z0', to: `z${z}`, protocol: 'modbus' });
    conduits[`c${z}`] = { zones: ['z0', `z${z}`], flows };
  }
  const interfaces = Object.fromEntries(Object.keys(zoneDocs).map((z, i) => [z, `port${i + 1}`]));
  return stringify({
    otpc: 1, site: { id: 'large-site', name: 'Large site' }, zones: zoneDocs, assets: assetDocs, conduits,
    enforcement: { fw: { platform: 'fortios', interfaces } }, services: { syslog: '10.0.0.250' },
  });
}

function assetZone(id: string, zones: number): number {
  return Number(id.slice(1)) % zones;
}
