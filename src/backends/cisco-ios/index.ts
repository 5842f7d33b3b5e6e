import type { Backend } from '../types.js';
import { renderIos } from './renderIos.js';

/**
 * Cisco IOS / IOS-XE backend: extended named ACLs applied inbound on each zone
 * interface of an L3 switch or router, with the reverse entries a stateless ACL
 * needs for return traffic (vendors.md section 2.2). Options: `classic: true` renders
 * without object-groups for images that lack them.
 */
export const ciscoIosBackend: Backend = {
  platform: 'cisco-ios',
  extension: 'txt',
  title: 'Cisco IOS / IOS-XE extended ACLs',
  render: renderIos,
};
