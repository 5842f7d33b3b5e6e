import { compileTemplates } from '../common/compileTemplates.js';
import type { NftView } from './nftView.js';

/** templates/nftables/: the ruleset and its partials. */
export const nftTemplate = compileTemplates<NftView>('nftables', 'ruleset.nft.hbs', ['set', 'chain']);
