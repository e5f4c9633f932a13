/**
 * The areas of the admin interface: where each lives, who may open it, and whether the menu
 * offers it. Each area routes below its own path (screens/<area>/index.tsx).
 */
import type { ComponentType } from 'preact';
import type { Role } from './session.js';
import Home from './screens/home.js';
import Account from './screens/account/index.js';
import Surveys from './screens/surveys/index.js';
import Lists from './screens/lists/index.js';
import Campaigns from './screens/campaigns/index.js';
import Status from './screens/status/index.js';
import Exports from './screens/exports/index.js';
import Partners from './screens/partners/index.js';
import Users from './screens/partners/users.js';

export interface Area {
  /** the path under /admin; areas match it and everything below */
  path: string;
  /** the menu entry's key in the common namespace; none: not in the menu */
  nav?: string;
  roles: readonly Role[];
  screen: ComponentType<{ path: string; query: URLSearchParams }>;
}

const STAFF = ['admin', 'coordinator', 'researcher'] as const;

export const AREAS: Area[] = [
  { path: '/surveys', nav: 'nav.surveys', roles: STAFF, screen: Surveys },
  { path: '/campaigns', nav: 'nav.campaigns', roles: ['admin', 'coordinator'], screen: Campaigns },
  { path: '/status', nav: 'nav.status', roles: ['admin', 'coordinator'], screen: Status },
  { path: '/lists', nav: 'nav.lists', roles: ['admin', 'coordinator'], screen: Lists },
  { path: '/exports', nav: 'nav.exports', roles: ['admin', 'researcher'], screen: Exports },
  { path: '/partners', nav: 'nav.partners', roles: ['admin'], screen: Partners },
  { path: '/users', nav: 'nav.users', roles: ['admin'], screen: Users },
  { path: '/account', nav: 'nav.account', roles: STAFF, screen: Account },
  { path: '/', roles: STAFF, screen: Home },
];

export function areaOf(path: string): Area | undefined {
  return AREAS.find((a) => (a.path === '/' ? path === '/' : path === a.path || path.startsWith(`${a.path}/`)));
}
