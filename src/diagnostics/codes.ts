import type { Severity } from './diagnostic.js';

/**
 * Every diagnostic code otpc can print, in one table (as the TypeScript compiler does).
 * Codes are stable: once published a code keeps its meaning and is never reused.
 * Ranges: 1xx load, 2xx schema, 3xx references/topology, 4xx addresses and ports,
 * 5xx waivers, 6xx catalogues, 7xx compile and vendor limits, 75x rule analysis,
 * 8xx observed flows, 9xx usage and internal.
 */
export interface CodeInfo {
  /** Short kebab-case name, used as the SARIF rule id suffix and in docs. */
  name: string;
  severity: Severity;
  title: string;
  /** Default hint printed when the call site gives none. */
  hint: string;
}

export const CODES = {
  // 1xx: reading the file
  OTPC101: { name: 'empty-input', severity: 'error', title: 'The policy file is empty', hint: 'Start from one of the files in examples/ (otpc: 1, site, zones, assets, conduits).' },
  OTPC102: { name: 'encoding', severity: 'error', title: 'The file is not valid UTF-8 text', hint: 'Save the file as UTF-8 without NUL bytes or other control characters.' },
  OTPC103: { name: 'yaml-syntax', severity: 'error', title: 'YAML syntax error', hint: 'Check indentation (spaces, not tabs), colons and quoting around this position.' },
  OTPC104: { name: 'duplicate-key', severity: 'error', title: 'Duplicate key in a mapping', hint: 'Each key may appear once per mapping; merge or rename the duplicates.' },
  OTPC105: { name: 'yaml-tag', severity: 'error', title: 'Custom YAML tags are not allowed', hint: 'Remove the !tag; policy files use plain YAML 1.2 core types only.' },
  OTPC106: { name: 'alias-limit', severity: 'error', title: 'Too many YAML aliases', hint: 'Write the values out; a policy may use at most a few anchors/aliases (alias bombs are rejected).' },
  OTPC107: { name: 'input-too-large', severity: 'error', title: 'The input exceeds a size limit', hint: 'Split the site or raise the documented limit with --max-size.' },
  OTPC108: { name: 'nesting-too-deep', severity: 'error', title: 'The document is nested too deeply', hint: 'A policy needs only a few levels of nesting; flatten the structure.' },
  OTPC109: { name: 'not-a-mapping', severity: 'error', title: 'The top level of a policy must be a mapping', hint: 'The file must start with keys such as "otpc: 1" and "site:".' },
  OTPC110: { name: 'multiple-documents', severity: 'error', title: 'More than one YAML document in the file', hint: 'One site per file: remove the "---" separators or split the file.' },
  OTPC111: { name: 'too-many-nodes', severity: 'error', title: 'The document has too many elements', hint: 'Split the site; see the documented limits in the README.' },
  OTPC112: { name: 'unreadable-file', severity: 'error', title: 'The file cannot be read', hint: 'Check the path and permissions.' },

  // 2xx: schema (ajv, schemas/policy.schema.json)
  OTPC201: { name: 'schema-type', severity: 'error', title: 'Wrong type of value', hint: 'See schemas/policy.schema.json for the expected type.' },
  OTPC202: { name: 'schema-required', severity: 'error', title: 'A required key is missing', hint: 'Add the missing key.' },
  OTPC203: { name: 'schema-unknown-key', severity: 'error', title: 'Unknown key', hint: 'Check the spelling; keys are kebab-case and listed in schemas/policy.schema.json.' },
  OTPC204: { name: 'schema-enum', severity: 'error', title: 'Value not among the allowed values', hint: 'Use one of the listed values.' },
  OTPC205: { name: 'schema-pattern', severity: 'error', title: 'Value does not have the required form', hint: 'Ids are lowercase letters, digits and "-", starting with a letter or digit, at most 48 characters.' },
  OTPC206: { name: 'schema-range', severity: 'error', title: 'Number out of range', hint: 'Security levels are 0-4; Purdue levels 0-5.' },
  OTPC207: { name: 'schema-other', severity: 'error', title: 'Value does not match the schema', hint: 'See schemas/policy.schema.json.' },
  OTPC208: { name: 'unsupported-version', severity: 'error', title: 'Unsupported policy format version', hint: 'This otpc reads "otpc: 1".' },

  // 3xx: references and topology
  OTPC301: { name: 'unknown-zone', severity: 'error', title: 'Reference to a zone that is not defined', hint: 'Define the zone under "zones:" or fix the name.' },
  OTPC302: { name: 'unknown-endpoint', severity: 'error', title: 'Flow endpoint is neither an asset nor a zone', hint: 'from/to name an asset id, a zone id, or a list of them.' },
  OTPC303: { name: 'unknown-protocol', severity: 'error', title: 'Unknown protocol', hint: 'Use a protocol from "otpc catalog protocols" or write tcp/N, udp/N or tcp/N-M.' },
  OTPC304: { name: 'unknown-enforcement-zone', severity: 'error', title: 'Enforcement point interface names an unknown zone', hint: 'Keys of "interfaces:" are zone ids.' },
  OTPC305: { name: 'unknown-service-ref', severity: 'error', title: 'Site service refers to something undefined', hint: 'services.jump-host names an asset; services.ids.monitors names zones.' },
  OTPC306: { name: 'unknown-capability', severity: 'error', title: 'Unknown capability', hint: 'See "otpc catalog capabilities" for the vocabulary.' },
  OTPC307: { name: 'unknown-profile', severity: 'error', title: 'Unknown device profile', hint: 'See "otpc catalog profiles".' },
  OTPC308: { name: 'flow-outside-conduit', severity: 'error', title: 'Flow endpoints are not in the zones the conduit joins', hint: 'A conduit flow goes from one of the conduit zones to the other; use the conduit that joins those zones.' },
  OTPC309: { name: 'conduit-without-flows', severity: 'error', title: 'Conduit has no flows', hint: 'List the data flows the conduit carries, or remove the conduit.' },
  OTPC310: { name: 'conduit-zones', severity: 'error', title: 'A conduit must join two different zones', hint: 'zones: [zone-a, zone-b] with two distinct zone ids.' },
  OTPC311: { name: 'unknown-platform', severity: 'error', title: 'Unknown enforcement platform', hint: 'See "otpc catalog platforms" for the supported targets.' },
  OTPC312: { name: 'duplicate-interface', severity: 'error', title: 'Two zones share one interface of an enforcement point', hint: 'Each interface (or VLAN) belongs to exactly one zone.' },
  OTPC313: { name: 'read-only-unknown-operations', severity: 'error', title: 'access: read-only on a protocol without known read/write operations', hint: 'read-only needs a catalogued ICS protocol with operation codes (e.g. modbus, dnp3, s7comm).' },
  OTPC314: { name: 'flow-self', severity: 'error', title: 'Flow from an endpoint to itself', hint: 'from and to must differ.' },
  OTPC315: { name: 'enforcement-joins-nothing', severity: 'warning', title: 'Enforcement point joins fewer than two zones', hint: 'An enforcement point enforces conduits between zones it has interfaces in; list at least two.' },
  OTPC316: { name: 'flow-mixed-zones', severity: 'error', title: 'One side of a flow spans several zones', hint: 'All "from" endpoints must be in one zone and all "to" endpoints in the other.' },
  OTPC317: { name: 'zone-without-networks', severity: 'warning', title: 'Zone has no networks', hint: 'List the zone subnets so asset addresses can be checked and zone-wide flows rendered.' },
  OTPC318: { name: 'requirement-level-option', severity: 'error', title: 'Requirement level override not allowed', hint: 'Only the disputed rows (see "otpc catalog requirements") accept an alternative level.' },
  OTPC319: { name: 'unknown-requirement', severity: 'error', title: 'Unknown requirement id', hint: 'Write requirement ids as in the catalogue, e.g. "SR 1.1" or "SR 1.1 RE 1".' },
  OTPC321: { name: 'conduit-too-many-flows', severity: 'error', title: 'Conduit has more flows than rule numbering allows', hint: 'Split the conduit: at most 999 flows per conduit (rule ids are conduit * 1000 + flow).' },
  OTPC322: { name: 'too-many-conduits', severity: 'error', title: 'More conduits than rule numbering allows', hint: 'At most 8999 conduits per site; split the site into several policy files.' },
  OTPC320: { name: 'ambiguous-endpoint', severity: 'error', title: 'Flow endpoint id names both an asset and a zone', hint: 'Rename the asset or the zone: a flow endpoint must name exactly one thing.' },
  OTPC323: { name: 'too-many-assets', severity: 'error', title: 'More assets than one policy file supports', hint: 'The message gives the limit (the per-device report grows with assets x requirements); split the site into several policy files (docs/limits.md).' },
  OTPC324: { name: 'too-many-zones', severity: 'error', title: 'More zones than one policy file supports', hint: 'The message gives the limit; split the site into several policy files (docs/limits.md).' },

  // 4xx: addresses and ports
  OTPC401: { name: 'invalid-address', severity: 'error', title: 'Invalid IP address', hint: 'Write an IPv4 (10.0.0.1) or IPv6 (2001:db8::1) address.' },
  OTPC402: { name: 'invalid-network', severity: 'error', title: 'Invalid network (CIDR)', hint: 'Write the network address with its prefix, e.g. 10.20.1.0/24 (host bits zero).' },
  OTPC403: { name: 'duplicate-address', severity: 'error', title: 'The same address is given to two assets', hint: 'Each address belongs to one asset.' },
  OTPC404: { name: 'overlapping-networks', severity: 'error', title: 'Zone networks overlap', hint: 'A subnet belongs to one zone; split or correct the ranges.' },
  OTPC405: { name: 'address-outside-zone', severity: 'error', title: 'Asset address is outside its zone networks', hint: 'Move the asset to the zone that owns the address, or add the subnet to the zone.' },
  OTPC406: { name: 'invalid-port', severity: 'error', title: 'Invalid port or port range', hint: 'Ports are 1-65535; a range N-M needs N <= M.' },
  OTPC407: { name: 'invalid-service-address', severity: 'error', title: 'Invalid site service address', hint: 'services.syslog and services.ntp take IP addresses.' },
  OTPC408: { name: 'address-in-other-zone', severity: 'error', title: 'Asset address lies in another zone network', hint: 'Put the asset in the zone whose network contains its address.' },

  // 5xx: waivers
  OTPC501: { name: 'waiver-unknown-subject', severity: 'error', title: 'Waiver names an unknown asset or zone', hint: 'A waiver names an asset id (asset:) or a zone id (zone:).' },
  OTPC502: { name: 'waiver-unknown-requirement', severity: 'error', title: 'Waiver names an unknown requirement', hint: 'Write requirement ids as in "otpc catalog requirements", e.g. "SR 1.1 RE 1".' },
  OTPC503: { name: 'waiver-expired', severity: 'error', title: 'Waiver has expired', hint: 'Renew the waiver with a new approval and expiry date, or close the gap.' },
  OTPC504: { name: 'waiver-expiring', severity: 'warning', title: 'Waiver expires soon', hint: 'Plan the renewal or the fix before the expiry date.' },
  OTPC505: { name: 'waiver-not-needed', severity: 'warning', title: 'Waiver covers a requirement that is met or not required', hint: 'Remove the waiver: it changes nothing.' },
  OTPC506: { name: 'waiver-date', severity: 'error', title: 'Invalid waiver expiry date', hint: 'Write the date as YYYY-MM-DD (valid until the end of that day, UTC).' },

  // 6xx: catalogues
  OTPC601: { name: 'catalog-unreadable', severity: 'error', title: 'Catalogue file cannot be read or parsed', hint: 'Check the path given to --catalog.' },
  OTPC602: { name: 'catalog-schema', severity: 'error', title: 'Catalogue entry does not match its schema', hint: 'See schemas/catalog/*.schema.json.' },
  OTPC603: { name: 'catalog-reference', severity: 'error', title: 'Catalogue entry refers to an unknown id', hint: 'Requirement, capability and protocol ids must exist in the merged catalogues.' },
  OTPC604: { name: 'catalog-kind', severity: 'error', title: 'Catalogue file has an unknown kind', hint: 'A catalogue file has "kind:" one of requirements, capabilities, profiles, controls, protocols, platforms.' },

  // 7xx: compile and vendor limits
  OTPC701: { name: 'vendor-name-invalid', severity: 'error', title: 'Name not allowed by the target vendor', hint: 'Rename the object: names reaching a vendor CLI use the vendor allow-list and are never escaped.' },
  OTPC702: { name: 'vendor-name-too-long', severity: 'error', title: 'Name longer than the target vendor allows', hint: 'Shorten the id; names are rejected, never silently truncated.' },
  OTPC703: { name: 'conduit-unenforced', severity: 'warning', title: 'No enforcement point joins the conduit zones', hint: 'Add an enforcement point with interfaces in both zones; until then SR 5.2 is a gap for the devices concerned.' },
  OTPC704: { name: 'platform-downgrade', severity: 'warning', title: 'The platform cannot enforce the requested control', hint: 'The control is rendered only as far as the platform allows and is not credited; enforce the flow on a platform that supports it, or accept the partial status.' },
  OTPC705: { name: 'platform-limit', severity: 'error', title: 'A platform limit is exceeded', hint: 'Split the enforcement point or enable optimisation.' },
  OTPC706: { name: 'vendor-interface-invalid', severity: 'error', title: 'Interface name not valid for the platform', hint: 'Use the interface name exactly as the device shows it.' },
  OTPC707: { name: 'vendor-name-collision', severity: 'error', title: 'Two objects render to the same vendor name', hint: 'Rename one of the ids.' },
  OTPC709: { name: 'backend-option', severity: 'error', title: 'Invalid option for the enforcement point platform', hint: 'See the README section of the platform for its options.' },
  OTPC708: { name: 'target-without-enforcement', severity: 'warning', title: 'No enforcement point uses the requested target', hint: 'Add an enforcement point with this platform or choose another --target.' },

  // 75x: rule analysis
  OTPC710: { name: 'transit-through-point', severity: 'note', title: 'Conduits enforced elsewhere meet this point\'s final rule if routed through it', hint: 'Check the routing: route the zone\'s traffic to the other enforcement point around this one (e.g. the firewall as the zone\'s gateway), or enforce those conduits here too by giving this point an interface in both zones.' },
  OTPC751: { name: 'rule-shadowed', severity: 'warning', title: 'Rule can never match (shadowed)', hint: 'An earlier rule covers every packet this one matches; remove or narrow it.' },
  OTPC752: { name: 'rule-redundant', severity: 'warning', title: 'Rule is redundant', hint: 'Another rule with the same action already allows these packets.' },
  OTPC753: { name: 'flow-broad-zone', severity: 'warning', title: 'Zone-wide flow where few assets speak the protocol', hint: 'Name the assets instead of the whole zone (least privilege, SR 5.2 RE 1).' },
  OTPC754: { name: 'flow-any-port', severity: 'warning', title: 'Flow allows a very wide port range', hint: 'Name the protocol or the exact ports (SR 7.7 least functionality).' },
  OTPC755: { name: 'flow-up-sl-without-dmz', severity: 'warning', title: 'Flow into a higher SL-T zone from a lower one without a DMZ', hint: 'Route the flow through a DMZ zone (Purdue 3.5) or justify it.' },
  OTPC756: { name: 'conduit-purdue-span', severity: 'warning', title: 'Conduit crosses more than one Purdue level', hint: 'Break the path with an intermediate zone (e.g. a DMZ or supervisory zone).' },
  OTPC757: { name: 'platform-limit-warning', severity: 'warning', title: 'A platform limit is close or exceeded', hint: 'Enable optimisation or split the enforcement point.' },

  // 8xx: observed flows
  OTPC801: { name: 'flows-unreadable', severity: 'error', title: 'Flow file cannot be read or its format is unknown', hint: 'Give a Zeek conn.log (TSV or JSON lines) or a CSV with a header (src,dst,proto,dport).' },
  OTPC802: { name: 'flows-bad-line', severity: 'warning', title: 'Flow lines that could not be read were skipped', hint: 'The line numbers are listed; the rest of the file was used.' },
  OTPC803: { name: 'undocumented-device', severity: 'warning', title: 'Observed addresses that no asset documents', hint: 'Add them as assets (otpc discover suggests a fragment) or find out why they are on the network.' },
  OTPC804: { name: 'uncovered-flow', severity: 'warning', title: 'Observed flows that no conduit flow covers', hint: 'Add the flows the plant needs to their conduit (otpc discover suggests them); the enforced policy denies the rest.' },
  OTPC805: { name: 'asset-not-seen', severity: 'note', title: 'Documented assets never seen in the observed flows', hint: 'Check the inventory: the device may be gone, quiet during the capture, or on a segment no sensor sees.' },
  OTPC806: { name: 'flow-would-be-blocked', severity: 'warning', title: 'Observed flows that the enforced policy would block', hint: 'Add the flows production needs to the policy before enforcing, or confirm with operations that they must stop.' },
  OTPC807: { name: 'flow-unenforced', severity: 'warning', title: 'Observed flows between zones that no enforcement point joins', hint: 'Nothing filters these flows: add an enforcement point with interfaces in both zones (SR 5.1, SR 5.2).' },
  OTPC808: { name: 'allow-rule-unused', severity: 'note', title: 'Allow rules that carried no observed flow', hint: 'Over a full baseline an unused rule may be removable (SR 7.7 least functionality); confirm it is not for a rare operation first.' },
  OTPC809: { name: 'read-only-write-observed', severity: 'warning', title: 'Write operations observed on a read-only flow', hint: 'Either the flow really writes (make it read-write) or something writes that should not; enforcing read-only drops those operations.' },
  OTPC810: { name: 'boundary-not-ready', severity: 'warning', title: 'Enforcing a boundary would block observed flows', hint: 'The boundary is held in monitor; fix the policy or pass --force after operations sign-off.' },
  OTPC811: { name: 'baseline-too-short', severity: 'note', title: 'The flow file covers less time than the baseline', hint: 'Readiness from a short capture can miss rare flows (batch changeovers, month-end, backups).' },
  OTPC812: { name: 'plan-forced', severity: 'warning', title: 'Configs enforce boundaries that observed flows show are not ready', hint: 'Written because of --force: those flows will be dropped when the step is loaded.' },
  OTPC813: { name: 'stale-step-folder', severity: 'warning', title: 'The output folder holds step folders this plan did not write', hint: 'They come from an earlier plan; remove them so nobody loads an outdated step.' },

  // 9xx: usage and internal
  OTPC901: { name: 'usage', severity: 'error', title: 'Invalid command-line usage', hint: 'See otpc <command> --help.' },
  OTPC902: { name: 'output-path', severity: 'error', title: 'Output path not allowed', hint: 'Give a path to a regular file or folder (not a device, FIFO or an existing file where a folder is expected).' },
  OTPC903: { name: 'output-failed', severity: 'error', title: 'Output could not be written', hint: 'Check free space and permissions; nothing was changed.' },
  // 95x: findings baseline (report --baseline: a previous JSON report)
  OTPC951: { name: 'baseline-not-json', severity: 'error', title: 'The baseline file is not valid JSON', hint: 'Give a file written by "otpc report --format json" (not the Markdown or SARIF report).' },
  OTPC952: { name: 'baseline-not-report', severity: 'error', title: 'The baseline file is not an otpc JSON report', hint: 'Give a file written by "otpc report --format json"; it needs otpcReport, site, date, devices and findings.' },
  OTPC953: { name: 'baseline-incompatible', severity: 'error', title: 'The baseline report is for another site or report version', hint: 'Regenerate the baseline with this otpc from the same site policy (e.g. from the target branch).' },
  OTPC999: { name: 'internal', severity: 'error', title: 'Internal error', hint: 'This is a bug in otpc; please report it with the input file.' },
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;

/** The table row of a code; undefined for a code the table does not have. */
export function codeInfo(code: string): CodeInfo | undefined {
  return (CODES as Record<string, CodeInfo>)[code];
}
