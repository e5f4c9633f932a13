/** The role and, for a coordinator, the partner: the pair the server checks together. */
import { useT } from '../../i18n.js';
import type { Role } from '../../session.js';
import { SelectField } from '../../ui/forms.js';
import { ProblemAlert, type Resource } from '../../ui/page.js';
import { ROLES, type Partner } from './model.js';
import { NS } from './texts.js';

export function RolePartnerFields({ idPrefix, role, onRole, partnerId, onPartner, partners, at, disabled }: {
  idPrefix: string; role: Role; onRole: (role: Role) => void; partnerId: string; onPartner: (id: string) => void;
  partners: Resource<Partner[]>; at: (pointer: string) => string | undefined; disabled?: boolean;
}) {
  const t = useT(NS);
  const common = useT();
  const list = partners.data ?? [];
  return (
    <>
      <SelectField id={`${idPrefix}-role`} label={t('users.role')} hint={t(`users.roleHint.${role}`)} disabled={disabled}
        error={at('/role')} value={role} onValue={(v) => onRole(v as Role)}
        options={ROLES.map((r) => ({ value: r, label: common(`role.${r}`) }))} />
      {role === 'coordinator' && (
        <>
          <ProblemAlert error={partners.error} />
          {partners.data && list.length === 0 && <p class="notice">{t('users.noPartners')}</p>}
          <SelectField id={`${idPrefix}-partner`} label={t('users.partner')} hint={t('users.partnerHint')} required disabled={disabled}
            error={at('/partnerId')} value={partnerId} onValue={onPartner}
            options={[{ value: '', label: t('users.choosePartner') }, ...list.map((p) => ({ value: p.id, label: p.name }))]} />
        </>
      )}
    </>
  );
}
