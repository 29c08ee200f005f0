import { Avatar, Card, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import { type TemplateFormValues, valueSummary, WEEKDAYS } from './template-form.ts';

const BANNER_COLORS: Record<TemplateFormValues['kind'], string> = {
  exchange: 'linear-gradient(135deg, #d4380d, #fa8c16)',
  cash: 'linear-gradient(135deg, #c41d7f, #f759ab)',
  discount: 'linear-gradient(135deg, #1d39c4, #597ef7)',
  ticket: 'linear-gradient(135deg, #08979c, #36cfc9)',
};

/** The card as a member will see it in the wallet, drawn from the form while it is being filled in. */
export function TemplateCardPreview({ values }: { values: Partial<TemplateFormValues> }) {
  const t = useT();
  // An image that cannot be shown (a removed file, an address the page may not load) gives way to
  // the plain banner or the initial rather than a broken picture.
  const [failed, setFailed] = useState<string[]>([]);
  const shown = (url?: string) => (url && !failed.includes(url) ? url : undefined);
  const fail = (url: string) => setFailed((f) => [...f, url]);
  const imageUrl = shown(values.imageUrl);
  const logoUrl = shown(values.logoUrl);
  const kind = values.kind ?? 'exchange';
  const value = valueSummary(values, {
    threshold: (amount) => t('templates.preview.threshold', { amount }),
    discount: (rate, percent) => t('templates.preview.discount', { rate, percent }),
  });
  const [from, until] = values.validRange ?? [];
  const validity =
    values.validityKind === 'fixed'
      ? from && until
        ? `${from.format('YYYY-MM-DD')} ~ ${until.format('YYYY-MM-DD')}`
        : '—'
      : t('templates.preview.days', { n: values.validDays ?? '—' });
  const week = values.useWeek ?? [];
  const weekText =
    week.length === WEEKDAYS.length
      ? t('templates.preview.everyDay')
      : [...week]
          .sort()
          .map((d) => t(`templates.weekday.${d}` as 'templates.weekday.1'))
          .join(' ');

  return (
    <Card
      size="small"
      style={{ width: 343, overflow: 'hidden' }}
      styles={{ body: { padding: 0 } }}
      aria-label={t('templates.preview.title')}
    >
      {imageUrl ? (
        <img
          src={imageUrl}
          alt=""
          onError={() => fail(imageUrl)}
          style={{ width: '100%', aspectRatio: '686 / 176', objectFit: 'cover' }}
        />
      ) : (
        <Flex
          vertical
          justify="center"
          style={{
            aspectRatio: '686 / 176',
            background: BANNER_COLORS[kind],
            color: '#fff',
            padding: '0 20px',
          }}
        >
          <Typography.Text style={{ color: 'rgba(255,255,255,.85)', fontSize: 12 }}>
            {t(`vouchers.kind.${kind}`)}
          </Typography.Text>
          <div style={{ fontSize: 22, fontWeight: 600 }}>{value || t('templates.preview.value')}</div>
        </Flex>
      )}
      <div style={{ padding: 16 }}>
        <Flex align="center" gap={10}>
          <Avatar
            src={logoUrl}
            size={40}
            onError={() => {
              if (logoUrl) fail(logoUrl);
              return false;
            }}
            style={{ background: logoUrl ? 'transparent' : '#d4380d', flex: 'none' }}
          >
            {values.merchantName?.slice(0, 1) || '店'}
          </Avatar>
          <div style={{ minWidth: 0 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {values.merchantName || t('templates.merchantName')}
            </Typography.Text>
            <div style={{ fontSize: 16, fontWeight: 600 }}>
              {values.title || t('templates.preview.titlePlaceholder')}
            </div>
          </div>
        </Flex>
        <dl style={{ margin: '12px 0 0', fontSize: 12, lineHeight: '20px' }}>
          <PreviewLine label={t('templates.validity')} text={validity} />
          <PreviewLine label={t('templates.useWeek')} text={weekText} />
          {values.conditions && <PreviewLine label={t('templates.conditions')} text={values.conditions} />}
          {values.servicePhone && (
            <PreviewLine label={t('templates.servicePhone')} text={values.servicePhone} />
          )}
          {values.claimNotice && <PreviewLine label={t('templates.claimNotice')} text={values.claimNotice} />}
        </dl>
        <Flex gap={4} wrap style={{ marginTop: 8 }}>
          {values.isGiving && <Tag color="orange">{t('templates.isGiving')}</Tag>}
          {values.isSelf && <Tag color="cyan">{t('templates.isSelf')}</Tag>}
          {!!values.perMemberLimit && <Tag>{t('templates.preview.limit', { n: values.perMemberLimit })}</Tag>}
        </Flex>
      </div>
    </Card>
  );
}

function PreviewLine({ label, text }: { label: string; text: string }) {
  return (
    <Flex gap={8}>
      <dt style={{ color: 'rgba(0,0,0,.45)', flex: 'none', width: 64 }}>{label}</dt>
      <dd style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{text}</dd>
    </Flex>
  );
}
