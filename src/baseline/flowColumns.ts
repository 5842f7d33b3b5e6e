/**
 * Column names the readers understand, by role. A flow CSV needs src, dst, proto
 * and dport; the rest is used when present. Names cover the plain otpc CSV
 * (src,dst,proto,dport,sport,packets,bytes,first,last), nfdump's CSV output
 * (1.6 and early 1.7: ts,te,td,sa,da,sp,dp,pr,...,ipkt,ibyt,opkt,obyt; 1.7.5 and later:
 * firstSeen,duration,proto,srcAddr,srcPort,dstAddr,dstPort,packets,bytes,flows, where the
 * last-seen time is first + duration), Zeek conn.log
 * (id.orig_h, id.resp_p, orig_pkts, ...) and common exporter spellings.
 * Operation columns (Modbus/DNP3/S7 function codes seen on the flow) feed the
 * read-only checks of `otpc simulate`.
 */
export type ColumnRole =
  | 'src' | 'dst' | 'proto' | 'dport' | 'sport'
  | 'packets' | 'packets2' | 'bytes' | 'bytes2'
  | 'first' | 'last' | 'duration' | 'count';

const ALIASES: Record<ColumnRole, string[]> = {
  src: ['src', 'src_ip', 'srcip', 'srcaddr', 'src_addr', 'source', 'source_ip', 'sa', 'saddr', 'id.orig_h', 'ip.src', 'ipv4_src_addr'],
  dst: ['dst', 'dst_ip', 'dstip', 'dstaddr', 'dst_addr', 'destination', 'destination_ip', 'da', 'daddr', 'id.resp_h', 'ip.dst', 'ipv4_dst_addr'],
  proto: ['proto', 'protocol', 'pr', 'transport', 'ip.proto', 'ip_protocol'],
  dport: ['dport', 'dst_port', 'dstport', 'dp', 'destination_port', 'id.resp_p', 'l4_dst_port', 'resp_p'],
  sport: ['sport', 'src_port', 'srcport', 'sp', 'source_port', 'id.orig_p', 'l4_src_port', 'orig_p'],
  packets: ['packets', 'pkts', 'ipkt', 'orig_pkts', 'in_pkts'],
  packets2: ['opkt', 'resp_pkts', 'out_pkts'],
  bytes: ['bytes', 'ibyt', 'orig_bytes', 'in_bytes', 'octets'],
  bytes2: ['obyt', 'resp_bytes', 'out_bytes'],
  first: ['first', 'first_seen', 'firstseen', 'start', 'start_time', 'ts', 'time', 'timestamp', 'first_switched'],
  last: ['last', 'last_seen', 'lastseen', 'end', 'end_time', 'te', 'last_switched'],
  duration: ['duration', 'td', 'dur'],
  count: ['flows', 'count', 'records', 'connections'],
};

/** Operation-code columns; the codes of every such column on a line are merged. */
export const OPS_COLUMNS = ['ops', 'operations', 'modbus_fc', 'modbus.func_code', 'dnp3_fc', 'dnp3.al.func', 's7comm_fc', 's7comm.param.func', 'function_codes', 'func_codes', 'fc'];

/** Column name (lower case) -> role. */
export const BY_NAME = new Map<string, ColumnRole>();
for (const [role, names] of Object.entries(ALIASES) as [ColumnRole, string[]][]) {
  for (const name of names) BY_NAME.set(name, role);
}

export interface ColumnMap {
  /** Role -> column index (-1 when absent). */
  index: Record<ColumnRole, number>;
  ops: number[];
  /** Number of columns in the header. */
  width: number;
}

/** Maps a header row (already split) to roles; names are matched case-insensitively, first occurrence wins. */
export function mapColumns(names: string[]): ColumnMap {
  const index = Object.fromEntries(Object.keys(ALIASES).map((r) => [r, -1])) as Record<ColumnRole, number>;
  const ops: number[] = [];
  names.forEach((raw, i) => {
    const name = raw.trim().replace(/^"|"$/g, '').toLowerCase();
    const role = BY_NAME.get(name);
    if (role !== undefined && index[role] < 0) index[role] = i;
    else if (OPS_COLUMNS.includes(name)) ops.push(i);
  });
  return { index, ops, width: names.length };
}

/** The required roles missing from a header. */
export function missingColumns(map: ColumnMap): ColumnRole[] {
  return (['src', 'dst', 'proto', 'dport'] as ColumnRole[]).filter((r) => map.index[r] < 0);
}
