/**
 * What can be done to one contact: edit it, opt it out, erase the person. Both of the latter ask
 * first and say what happens: an opt-out and an erasure reach every list of the partner.
 */
import { api } from '../../../shared/api.js';
import { useT } from '../../i18n.js';
import { Link } from '../../router.js';
import { ConfirmButton } from '../../ui/confirm.js';
import { listPath } from './shared.js';
import type { Contact } from './types.js';

export function ContactActions({ contact, onChanged, edit = true }: { contact: Contact; onChanged: () => void; edit?: boolean }) {
  const t = useT('lists');
  if (contact.status === 'erased') return <>—</>;
  const who = contact.name ? `${contact.name} (${contact.email})` : contact.email ?? '';
  const call = (action: 'opt-out' | 'erase') => async () => {
    await api(`/api/contacts/${encodeURIComponent(contact.id)}/${action}`, { method: 'POST' });
    onChanged();
  };
  return (
    <div class="row-actions">
      {edit && <Link href={`${listPath(contact.listId)}/contacts/${encodeURIComponent(contact.id)}`} aria-label={t('contact.editOne', { who })}>{t('contact.edit')}</Link>}
      {contact.status !== 'opted_out' && (
        <ConfirmButton label={t('optOut.button')} ariaLabel={`${t('optOut.button')}: ${who}`} title={t('optOut.title', { who })} confirmLabel={t('optOut.confirm')} onConfirm={call('opt-out')}>
          <p>{t('optOut.body')}</p>
          <p>{t('optOut.stays')}</p>
        </ConfirmButton>
      )}
      <ConfirmButton label={t('erase.button')} ariaLabel={`${t('erase.button')}: ${who}`} title={t('erase.title', { who })} confirmLabel={t('erase.confirm')} danger onConfirm={call('erase')}>
        <p>{t('erase.intro')}</p>
        <ul>
          <li>{t('erase.contacts')}</li>
          <li>{t('erase.invitations')}</li>
          <li>{t('erase.answers')}</li>
          <li>{t('erase.imports')}</li>
        </ul>
        <p>{t('erase.kept')}</p>
        <p><strong>{t('erase.irreversible')}</strong></p>
      </ConfirmButton>
    </div>
  );
}
