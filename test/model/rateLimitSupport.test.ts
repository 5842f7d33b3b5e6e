import { describe, expect, it } from 'vitest';
import { loadCatalogs } from '../../src/catalog/loadCatalogs.js';
import { hasOneResponder, rateLimitSupport } from '../../src/model/rateLimitSupport.js';

const catalogs = loadCatalogs([]).catalogs!;
const platform = (id: string) => catalogs.platforms.get(id);
const all = { maxConnections: 64, perSourceConnections: 8, newConnectionsPerSecond: 20, maxEmbryonic: 16 };

describe('rateLimitSupport (platforms catalogue rate-limit-kinds, rate-limit-one-responder)', () => {
  it.each([
    // platform, transports, one responder, supported keys, unsupported kinds (prefix)
    ['fortios', ['tcp'], true, ['maxConnections', 'perSourceConnections', 'newConnectionsPerSecond'], ['max-embryonic']],
    // tcp_syn_flood counts per destination: with several responders a source could open N/s to each
    ['fortios', ['tcp'], false, ['maxConnections', 'perSourceConnections'], ['new-connections-per-second on a flow to several assets', 'max-embryonic']],
    ['fortios', ['udp'], true, ['maxConnections', 'perSourceConnections'], ['new-connections-per-second', 'max-embryonic']],
    // an ASA class's conn-max counts the whole class, the policy's max-connections is per responder
    ['cisco-asa', ['tcp'], true, ['maxConnections', 'perSourceConnections', 'maxEmbryonic'], ['new-connections-per-second']],
    ['cisco-asa', ['tcp'], false, ['perSourceConnections', 'maxEmbryonic'], ['max-connections on a flow to several assets', 'new-connections-per-second']],
    ['nftables', ['tcp'], false, ['maxConnections', 'perSourceConnections', 'newConnectionsPerSecond'], ['max-embryonic']],
    ['cisco-ios', ['tcp'], true, [], ['max-connections', 'per-source-connections', 'new-connections-per-second', 'max-embryonic']],
  ] as const)('%s %j one responder %s', (id, transports, one, supported, unsupported) => {
    const got = rateLimitSupport(platform(id), all, transports, one);
    expect(Object.keys(got.supported ?? {}).sort()).toEqual([...supported].sort());
    expect(got.unsupported).toHaveLength(unsupported.length);
    unsupported.forEach((u, i) => expect(got.unsupported[i].startsWith(u)).toBe(true));
  });

  it('a flow has one responder only when it names exactly one asset', () => {
    expect(hasOneResponder([{ kind: 'asset', id: 'plc-1' }])).toBe(true);
    expect(hasOneResponder([{ kind: 'asset', id: 'plc-1' }, { kind: 'asset', id: 'plc-2' }])).toBe(false);
    expect(hasOneResponder([{ kind: 'zone', id: 'control' }])).toBe(false);
  });
});
