/**
 * /admin/users (admins): everyone who uses the interface, with search and filters; /invite
 * invites someone and shows their one-time set-password link; /<id> changes a user's role and
 * partner, disables or enables the account, issues a new link, or signs them out everywhere.
 */
import { match } from '../../router.js';
import { InviteUser } from './invite.js';
import { UserList } from './user-list.js';
import { UserPage } from './user-page.js';

export default function Users({ path, query }: { path: string; query: URLSearchParams }) {
  if (path === '/invite') return <InviteUser key="invite" partnerId={query.get('partner') ?? ''} />;
  const one = match('/:userId', path);
  // a key per user: the heading takes the focus and the form starts from the stored values
  if (one) return <UserPage key={one.userId} userId={one.userId} />;
  return <UserList key="list" query={query} />;
}
