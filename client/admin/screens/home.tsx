/** /admin: where to start, by role. */
import { useT } from '../i18n.js';
import { Link } from '../router.js';
import { AREAS } from '../routes.js';
import { useSession } from '../session.js';
import { PageTitle } from '../ui/page.js';

export default function Home() {
  const t = useT();
  const { user } = useSession();
  return (
    <>
      <PageTitle>{t('home.title', { name: user.name ?? user.email })}</PageTitle>
      <p>{t(`home.intro.${user.role}`)}</p>
      <ul class="cards">
        {AREAS.filter((a) => a.nav && a.roles.includes(user.role)).map((a) => (
          <li key={a.path}><Link href={a.path}><strong>{t(a.nav!)}</strong><span>{t(`home.${a.nav!}`)}</span></Link></li>
        ))}
      </ul>
    </>
  );
}
