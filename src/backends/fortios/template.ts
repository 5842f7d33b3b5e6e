import { compileTemplates } from '../common/compileTemplates.js';
import type { FortiosView } from './toView.js';

/** templates/fortios/: the configuration and its partials. */
export const fortiosTemplate = compileTemplates<FortiosView>('fortios', 'fortios.conf.hbs', ['address', 'addrgrp', 'policies', 'dos']);
