import type { Backend } from '../types.js';
import { ciscoAsaPolicyChecks } from './policyChecks.js';
import { renderAsa } from './renderAsa.js';

/**
 * Cisco ASA 9.x backend: objects and object-groups, one extended ACL per zone interface
 * applied inbound with access-group, connection limits through the Modular Policy
 * Framework, syslog and NTP (vendors.md section 2.3). ASA is stateful, so only the
 * initiating direction of each flow is written.
 */
export const ciscoAsaBackend: Backend = {
  platform: 'cisco-asa',
  extension: 'txt',
  title: 'Cisco ASA 9.x access policy',
  render: renderAsa,
  policyChecks: ciscoAsaPolicyChecks,
};
