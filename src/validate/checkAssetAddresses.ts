import { joinPointer } from '../diagnostics/sourceMap.js';
import { containsRange, parseNet, type ParsedNet } from '../model/ip.js';
import type { CheckContext } from './checkContext.js';
import type { ZoneNet } from './checkNetworks.js';
import { asRecord, entriesOf, oneOrMany } from './rawAccess.js';
import { quote } from './quote.js';

interface HostAddress {
  asset: string;
  net: ParsedNet;
  pointer: string;
}

function assetAddresses(ctx: CheckContext): HostAddress[] {
  const out: HostAddress[] = [];
  for (const { key: asset, value, pointer } of entriesOf(ctx.doc.assets, '/assets')) {
    const a = asRecord(value);
    if (!a) continue;
    const items = [...oneOrMany(a.address, joinPointer(pointer, 'address')), ...oneOrMany(a.addresses, joinPointer(pointer, 'addresses'))];
    for (const item of items) {
      const r = parseNet(item.value);
      if (!r.ok) ctx.issues.add('OTPC401', item.pointer, `address of asset "${asset}": ${r.error}`);
      else if (r.net.first !== r.net.last) ctx.issues.add('OTPC401', item.pointer, `address of asset "${asset}": ${quote(item.value)} is a network; give the device's host address`);
      else out.push({ asset, net: r.net, pointer: item.pointer });
    }
  }
  return out;
}

/** Each address belongs to one asset: report every use after the first (by asset id). */
function checkDuplicates(ctx: CheckContext, hosts: HostAddress[]): void {
  const first = new Map<string, HostAddress>();
  for (const h of hosts) {
    const key = `${h.net.family}:${h.net.first}`;
    const prev = first.get(key);
    if (!prev) {
      first.set(key, h);
      continue;
    }
    const owner = prev.asset === h.asset ? `listed twice for asset "${h.asset}"` : `already used by asset "${prev.asset}"`;
    ctx.issues.add('OTPC403', h.pointer, `address ${h.net.text} of asset "${h.asset}" is ${owner}`);
  }
}

/** The address must lie in its own zone's networks (405), and never in another zone's (408). */
function checkPlacement(ctx: CheckContext, hosts: HostAddress[], nets: ZoneNet[]): void {
  const byZone = new Map<string, ZoneNet[]>();
  for (const n of nets) byZone.set(n.zone, [...(byZone.get(n.zone) ?? []), n]);
  for (const h of hosts) {
    const zone = ctx.index.assetZone.get(h.asset);
    if (zone === undefined) continue;
    const own = byZone.get(zone) ?? [];
    if (own.some((n) => containsRange(n.net, h.net))) continue;
    const other = nets.find((n) => n.zone !== zone && containsRange(n.net, h.net));
    if (other) {
      ctx.issues.add('OTPC408', h.pointer, `address ${h.net.text} of asset "${h.asset}" (zone "${zone}") lies in network ${other.net.text} of zone "${other.zone}"`);
    } else if (own.length > 0) {
      const list = own.map((n) => n.net.text).join(', ');
      ctx.issues.add('OTPC405', h.pointer, `address ${h.net.text} of asset "${h.asset}" is outside the networks of its zone "${zone}" (${list})`);
    }
  }
}

/** Asset addresses: valid host addresses (401), unique (403), inside their own zone (405, 408). */
export function checkAssetAddresses(ctx: CheckContext, nets: ZoneNet[]): void {
  const hosts = assetAddresses(ctx);
  checkDuplicates(ctx, hosts);
  checkPlacement(ctx, hosts, nets);
}
