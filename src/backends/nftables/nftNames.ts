import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { checkVendorName } from '../common/checkVendorName.js';
import type { NameRule } from '../common/checkVendorName.js';
import type { AddressObject } from '../../rules/types.js';

/**
 * nftables names (tables, sets, chains). vendors.md section 3 [run with nft 1.0.6]:
 * at most 255 bytes (256 fails with ERANGE), may not start with a digit, may not be
 * a keyword (`accept`, `drop`, `ip`, `tcp`, `counter` were rejected), quoted names
 * are rejected. otpc renders only `^[A-Za-z][A-Za-z0-9_]*$` and prefixes every
 * generated name with its kind (`a_`, `z_`, `c_`, `ro_`, ...), so no name can be a
 * keyword; the keyword list is still checked (defence in depth, and for the table).
 *
 * | what                        | name                                  |
 * |-----------------------------|---------------------------------------|
 * | table                       | otpc_<ep id>                          |
 * | asset / zone / service /    | a_<name>_v4, z_<name>_v6, s_..., m_...|
 * |   merged address object     |                                       |
 * | IR address group            | g_<name>_v4 / g_<name>_v6             |
 * | several objects on one side | r<rule number>_src_v4 / _dst_v6       |
 * | read-only allow-list        | ro_<protocol>_allowed[_<k>]           |
 * | rate-limit meter            | rl<rule number>_src_v4 / _dst / _rate |
 * | boundary direction chain    | c_<from zone>_<to zone>               |
 * | read-only check chain       | ro_<from zone>_<to zone>              |
 *
 * IR ids are `[a-z0-9-]`; `-` becomes `_`. Anything else fails the allow-list and is
 * reported (OTPC701), never escaped; a remaining clash is OTPC707.
 */
export const NFT_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
export const NFT_NAME_TEXT = '^[A-Za-z][A-Za-z0-9_]*$';
/** Hard limit of nft 1.0.6 / Linux 6.x (vendors.md section 3). */
export const NFT_NAME_MAX = 255;

/** Words of the nft grammar (scanner keywords and statement names), lower-case. */
export const NFT_KEYWORDS: readonly string[] = [
  'accept', 'add', 'ah', 'all', 'and', 'any', 'arp', 'at', 'auto', 'bridge', 'burst', 'by', 'bytes', 'chain', 'checksum',
  'comment', 'comp', 'continue', 'counter', 'counters', 'create', 'ct', 'day', 'dccp', 'define', 'delete', 'destroy',
  'device', 'devices', 'direction', 'dnat', 'doff', 'drop', 'dst', 'dup', 'element', 'elements', 'esp', 'established',
  'ether', 'exists', 'expiration', 'export', 'exthdr', 'family', 'fib', 'flags', 'flow', 'flowtable', 'flush', 'frag',
  'from', 'fwd', 'gc', 'goto', 'group', 'handle', 'hbh', 'helper', 'hook', 'hour', 'icmp', 'icmpv6', 'id', 'igmp', 'ih',
  'iif', 'iifname', 'iiftype', 'import', 'in', 'include', 'index', 'inet', 'ingress', 'egress', 'insert', 'interval',
  'invalid', 'ip', 'ip6', 'ipcomp', 'ipsec', 'jump', 'label', 'last', 'length', 'level', 'limit', 'limits', 'list',
  'll', 'log', 'map', 'mark', 'masquerade', 'meta', 'meter', 'meters', 'mh', 'minute', 'missing', 'monitor', 'netdev',
  'new', 'nh', 'not', 'notrack', 'offset', 'oif', 'oifname', 'oiftype', 'option', 'options', 'or', 'osf', 'out', 'over',
  'packets', 'policy', 'prefix', 'priority', 'protocol', 'queue', 'quota', 'quotas', 'rate', 'redirect', 'reject',
  'related', 'rename', 'replace', 'reset', 'return', 'rt', 'rthdr', 'rule', 'ruleset', 'saddr', 'sctp', 'second',
  'secmark', 'secmarks', 'set', 'sets', 'size', 'snat', 'socket', 'sport', 'dport', 'state', 'status', 'synproxy',
  'table', 'tables', 'tcp', 'th', 'timeout', 'to', 'tproxy', 'type', 'typeof', 'udp', 'udplite', 'until', 'untracked',
  'update', 'vlan', 'vmap', 'week', 'with', 'xor', 'zone',
];

export function nftNameRule(what: string, max: number): NameRule {
  return { vendor: 'nftables', what, pattern: NFT_NAME, allowed: NFT_NAME_TEXT, max, reserved: NFT_KEYWORDS };
}

/** `-` of IR ids becomes `_`; every other character is left for the allow-list to judge. */
export function nftIdent(id: string): string {
  return id.replace(/-/g, '_');
}

export function tableName(epId: string): string {
  return `otpc_${nftIdent(epId)}`;
}

const ADDRESS_PREFIX: Record<AddressObject['source']['kind'], string> = { asset: 'a', zone: 'z', service: 's', merged: 'm' };

export function addressSetName(obj: AddressObject, family: 4 | 6): string {
  return `${ADDRESS_PREFIX[obj.source.kind]}_${nftIdent(obj.name)}_v${family}`;
}

export function groupSetName(name: string, family: 4 | 6): string {
  return `g_${nftIdent(name)}_v${family}`;
}

export function unionSetName(ruleNumber: number, side: 'src' | 'dst', family: 4 | 6): string {
  return `r${ruleNumber}_${side}_v${family}`;
}

export function meterName(ruleNumber: number, kind: 'src' | 'dst' | 'rate', family: 4 | 6): string {
  return `rl${ruleNumber}_${kind}_v${family}`;
}

export function allowListSetName(protocol: string, k: number): string {
  return k === 1 ? `ro_${nftIdent(protocol)}_allowed` : `ro_${nftIdent(protocol)}_allowed_${k}`;
}

export function boundaryChainName(from: string, to: string): string {
  return `c_${nftIdent(from)}_${nftIdent(to)}`;
}

export function readOnlyChainName(from: string, to: string): string {
  return `ro_${nftIdent(from)}_${nftIdent(to)}`;
}

/**
 * Linux interface names (IFNAMSIZ 16: at most 15 bytes; dev_valid_name rejects `/`,
 * `:`, whitespace, "." and ".."). Inside an nft quoted string `"`, `\` and `$` would
 * change the parse, and a trailing `*` is an nft wildcard, so the allow-list is the
 * conservative `[A-Za-z0-9_.-]` starting with a letter or digit.
 */
export const INTERFACE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,14}$/;

export function checkInterfaceName(name: string, file: string, pointer: string): Diagnostic[] {
  if (INTERFACE_NAME.test(name) && name !== '.' && name !== '..') return [];
  return [{
    code: 'OTPC706', severity: 'error', file, pointer,
    message: `nftables: interface name ${JSON.stringify(name)} is not a valid Linux interface name for otpc (1-15 characters from [A-Za-z0-9_.-], starting with a letter or digit)`,
    expected: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,14}$', actual: JSON.stringify(name),
  }];
}

/** One nft namespace per table (sets and chains are separate namespaces in nft; one table keeps them apart too). */
export class NftNameTable {
  private readonly owners = new Map<string, string>();

  constructor(private readonly what: string) {}

  claim(name: string, owner: string, file: string, pointer: string): Diagnostic[] {
    const first = this.owners.get(name);
    if (first === undefined) {
      this.owners.set(name, owner);
      return [];
    }
    if (first === owner) return [];
    return [{
      code: 'OTPC707', severity: 'error', file, pointer,
      message: `nftables ${this.what} name "${name}" would stand for both ${first} and ${owner}`,
      hint: 'Rename one of the ids; otpc maps "-" to "_" and adds a kind prefix, nothing else.',
    }];
  }
}

export function validateName(name: string, what: string, max: number, file: string, pointer: string): Diagnostic[] {
  return checkVendorName(name, nftNameRule(what, max), file, pointer);
}
