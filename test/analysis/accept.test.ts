import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { analyzePolicy } from '../../src/analyzePolicy.js';
import { analysisFindings, conduit, site } from './sitePolicy.js';

/** `accept: [{ code, reason }]` on conduits (covering their flows) and flows: accepted findings become notes with the reason. */
const wide = { from: 'ent-pc', to: 'hmi-1', protocol: 'tcp/1-65535' };

describe('accepting a finding', () => {
  it('on the conduit: the conduit finding and its flows\' findings of that code become notes', () => {
    const c = { ...conduit('enterprise', 'supervisory', wide), accept: [{ code: 'OTPC756', reason: 'Vendor VPN terminates on the firewall; replaced by the DMZ jump host in 2027.' }, { code: 'OTPC754', reason: 'Legacy licence server picks random ports.' }] };
    const f = analysisFindings(site({ c }));
    expect(f.map((x) => `${x.code} ${x.severity} ${x.pointer}`)).toEqual([
      'OTPC754 note /conduits/c/flows/0', 'OTPC755 warning /conduits/c/flows/0', 'OTPC756 note /conduits/c',
    ]);
    expect(f.find((x) => x.code === 'OTPC756')!.message).toMatch(/ \(accepted: Vendor VPN terminates on the firewall; replaced by the DMZ jump host in 2027\.\)$/);
  });

  it('on the flow: only that flow, only that code', () => {
    const c = conduit('enterprise', 'supervisory', { ...wide, accept: [{ code: 'OTPC755', reason: 'Read-only web view.' }] }, { from: 'ent-pc', to: 'ws-1', protocol: 'https' });
    const f = analysisFindings(site({ c }));
    expect(f.map((x) => `${x.code} ${x.severity} ${x.pointer}`)).toEqual([
      'OTPC754 warning /conduits/c/flows/0', 'OTPC755 note /conduits/c/flows/0', 'OTPC755 warning /conduits/c/flows/1', 'OTPC756 warning /conduits/c',
    ]);
  });

  it('the schema keeps it to analysis codes with a reason', () => {
    const c = { ...conduit('enterprise', 'supervisory', wide), accept: [{ code: 'OTPC703', reason: 'x' }, { code: 'OTPC756' }] };
    const a = analyzePolicy({ text: stringify(site({ c })), file: 'site.yaml', today: '2026-06-01' });
    const errors = a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.pointer);
    expect(errors).toEqual(expect.arrayContaining(['/conduits/c/accept/0/code', '/conduits/c/accept/1/reason']));
    expect(a.model).toBeUndefined();
  });
});
