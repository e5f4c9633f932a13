/** The campaign's open link for groups and flyers: the address to copy, its QR code, SVG and PNG to download. */
import { useState } from 'preact/hooks';
import { useT } from '../../i18n.js';
import type { Campaign } from './types.js';

export function OpenLink({ campaign: c }: { campaign: Campaign }) {
  const t = useT('campaigns');
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const qr = `/api/campaigns/${encodeURIComponent(c.id)}/qr`;
  async function copy() {
    try {
      await navigator.clipboard.writeText(c.openLink);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  }
  return (
    <section aria-labelledby="campaign-open-link" class="campaign-section">
      <h2 id="campaign-open-link">{t('open.title')}</h2>
      <p class="hint">{t('open.intro')}</p>
      <p class="campaign-link"><a href={c.openLink}>{c.openLink}</a></p>
      <div class="campaign-buttons">
        <button type="button" onClick={() => void copy()}>{t('open.copy')}</button>
        <a class="button" href={`${qr}.svg`} download={`${c.name}-qr.svg`}>{t('open.downloadSvg')}</a>
        <a class="button" href={`${qr}.png`} download={`${c.name}-qr.png`}>{t('open.downloadPng')}</a>
      </div>
      <p role="status">{copied === 'yes' ? t('open.copied') : copied === 'no' ? t('open.copyFailed') : ''}</p>
      <img class="campaign-qr" src={`${qr}.svg`} alt={t('open.qrAlt', { link: c.openLink })} width={240} height={240} />
      <p class="hint">{c.state === 'closed' ? t('open.closed') : t('open.anyone')}</p>
    </section>
  );
}
