import { compileTemplates } from '../common/compileTemplates.js';
import type { IosView } from './buildIosView.js';

/** templates/cisco-ios/: the configuration and its partials. */
export const iosTemplate = compileTemplates<IosView>('cisco-ios', 'config.hbs', ['objectGroup', 'acl']);
