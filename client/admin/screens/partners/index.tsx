/** /admin/partners: being built (issue 9). */
import { useT } from '../../i18n.js';
import { PageTitle } from '../../ui/page.js';

export default function Area(_: { path: string; query: URLSearchParams }) {
  const t = useT();
  return <PageTitle>{t('nav.partners')}</PageTitle>;
}
