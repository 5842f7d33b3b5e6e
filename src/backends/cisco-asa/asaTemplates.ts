import { compileTemplates } from '../common/compileTemplates.js';
import type { AsaView } from './buildAsaView.js';

/** templates/cisco-asa/: the configuration and its partials. */
export const asaTemplate = compileTemplates<AsaView>('cisco-asa', 'config.hbs', ['object', 'group', 'acl', 'mpf']);
