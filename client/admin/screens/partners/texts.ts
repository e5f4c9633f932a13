/** The strings of the partners and users screens: one namespace, 'partners'. */
import { addTexts } from '../../i18n.js';
import en from './locales/en.json' with { type: 'json' };
import sv from './locales/sv.json' with { type: 'json' };
import pl from './locales/pl.json' with { type: 'json' };
import lt from './locales/lt.json' with { type: 'json' };

export const NS = 'partners';
addTexts(NS, { en, sv, pl, lt });
