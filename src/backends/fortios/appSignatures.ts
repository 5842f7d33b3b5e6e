import { FORTIOS_LIMITS } from './limits.js';

/**
 * FortiGuard application-control signatures that match the WRITE / control operations
 * of an industrial protocol, used to make `access: read-only` flows read-only on a
 * FortiGate (vendors.md section 2.1 "OT application control and IPS").
 *
 * FortiGuard application ids are VERSIONED data of the device's FortiGuard database,
 * not facts of FortiOS: `config application list / config entries` takes numeric ids
 * only. This table ships only ids documented by Fortinet; every other write operation
 * is reported as UNRESOLVED (warning OTPC704, a header line and the list comment) and
 * is NOT blocked. A site supplies the ids of its own FortiGuard database with the
 * enforcement-point option `fortiguard-app-<protocol>-write` (a number, or several
 * separated by spaces or commas); the option REPLACES this table for that protocol and
 * the site asserts that those ids cover every write operation of the protocol.
 *
 * Overridable data, not logic: add rows here only with a citation.
 */
export interface AppSignature {
  id: number;
  name: string;
  /** Protocol operation codes (e.g. Modbus function codes) the signature matches. */
  operations: number[];
  /** Where the id is documented. */
  source: string;
}

export const FORTIGUARD_WRITE_SIGNATURES: Readonly<Record<string, readonly AppSignature[]>> = {
  modbus: [
    {
      id: 48885,
      name: 'Modbus_Func05.Write.Single.Coil.Validation',
      operations: [5],
      source: 'Fortinet FortiOS 6.4 Administration Guide, Matching multiple parameters on application control signatures',
    },
  ],
};

export function overrideKey(protocol: string): string {
  return `fortiguard-app-${protocol}-write`;
}

export type ResolvedSignatures =
  | { ok: true; ids: number[]; origin: 'table' | 'override'; names: string[]; covered: number[] | 'all' }
  | { ok: false; error: string };

function parseIds(value: string | number | boolean): number[] | undefined {
  const parts = typeof value === 'number' ? [String(value)] : typeof value === 'string' ? value.split(/[\s,]+/).filter((p) => p !== '') : [];
  if (parts.length === 0) return undefined;
  const ids: number[] = [];
  for (const p of parts) {
    if (!/^[1-9][0-9]{0,7}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > FORTIOS_LIMITS.appIdMax) return undefined;
    ids.push(n);
  }
  return [...new Set(ids)].sort((a, b) => a - b);
}

/** The write signatures for a protocol: the site override when given, else the shipped table. */
export function resolveWriteSignatures(protocol: string, options: Record<string, string | number | boolean>): ResolvedSignatures {
  const key = overrideKey(protocol);
  if (Object.prototype.hasOwnProperty.call(options, key)) {
    const ids = parseIds(options[key]);
    if (!ids) return { ok: false, error: `option ${key} must be FortiGuard application ids (positive integers separated by spaces or commas)` };
    return { ok: true, ids, origin: 'override', names: [], covered: 'all' };
  }
  const rows = Object.prototype.hasOwnProperty.call(FORTIGUARD_WRITE_SIGNATURES, protocol) ? FORTIGUARD_WRITE_SIGNATURES[protocol] : [];
  return {
    ok: true,
    ids: [...new Set(rows.map((r) => r.id))].sort((a, b) => a - b),
    origin: 'table',
    names: rows.map((r) => `${r.id} ${r.name}`),
    covered: [...new Set(rows.flatMap((r) => r.operations))].sort((a, b) => a - b),
  };
}
