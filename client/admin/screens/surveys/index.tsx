/** /admin/surveys: the list (and an admin's upload), and one survey's page below it. */
import { addTexts, useT } from '../../i18n.js';
import { Link, match } from '../../router.js';
import { PageTitle } from '../../ui/page.js';
import { SurveyPage } from './detail.js';
import { SurveyList } from './list.js';
import en from './locales/en.json' with { type: 'json' };
import sv from './locales/sv.json' with { type: 'json' };
import pl from './locales/pl.json' with { type: 'json' };
import lt from './locales/lt.json' with { type: 'json' };

addTexts('surveys', { en, sv, pl, lt });

export default function Surveys({ path }: { path: string; query: URLSearchParams }) {
  const t = useT();
  if (path === '/') return <SurveyList />;
  const one = match('/:slug', path);
  // a new slug is a new screen: its heading takes the focus again
  if (one) return <SurveyPage key={one.slug} slug={one.slug} />;
  return <><PageTitle>{t('notFound.title')}</PageTitle><p>{t('notFound.body')}</p><p><Link href="/surveys">{t('nav.surveys')}</Link></p></>;
}
