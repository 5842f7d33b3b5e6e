/**
 * FortiOS field limits (vendors.md section 2.1 "Limits", FortiOS 7.x CLI reference:
 * firewall policy, firewall address, system zone, firewall DoS-policy, application list).
 * They change between firmware versions; the object-name limit comes from the platforms
 * catalogue row (`limits.nameMax`, 79 on 7.x, 63 on 6.0) when it is given.
 */
export const FORTIOS_LIMITS = {
  /** firewall address / address6 / addrgrp / service custom / service group name (7.x). */
  objectName: 79,
  /** system zone name. */
  zoneName: 35,
  /** system zone description. */
  zoneDescription: 127,
  /** system interface name (zone members are interface names). */
  interfaceName: 15,
  /** firewall policy name. */
  policyName: 35,
  /** firewall policy comments (var-string). */
  policyComment: 1023,
  /** address / addrgrp / service comment. */
  objectComment: 255,
  /** application list name (policy application-list reference). */
  appListName: 35,
  /** application list comment (kept at the object-comment size to be safe across versions). */
  appListComment: 255,
  /** firewall DoS-policy comments. */
  dosComment: 1023,
  /** firewall policy id: uint32, 0 means "next free id" and is never emitted. */
  policyIdMax: 4_294_967_294,
  /** syslogd, syslogd2, syslogd3, syslogd4. */
  syslogServers: 4,
  /** log syslogd setting server (63 on older versions). */
  syslogServer: 63,
  /** FortiGuard application ids are small positive integers. */
  appIdMax: 99_999_999,
} as const;
