/** /admin/exports: being built (issue 10). */
import { useT } from '../../i18n.js';
import { PageTitle } from '../../ui/page.js';

export default function Area(_: { path: string; query: URLSearchParams }) {
  const t = useT();
  return <PageTitle>{t('nav.exports')}</PageTitle>;
}
