import type { Member, MemberCommerce } from '@kaquan/contracts';
import { Descriptions, Drawer, Skeleton, Tabs, Tag } from 'antd';
import { useFormatInstant } from '../../components/format.ts';
import { LoadFailed } from '../../components/result-pages.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useMember, useMemberCommerce } from './member-commerce.api.ts';
import { MemberCommerceForm } from './member-commerce-form.tsx';
import { MemberPoints } from './member-points.tsx';

function Summary({ commerce }: { commerce: MemberCommerce }) {
  const t = useT();
  const formatInstant = useFormatInstant();
  const referrer = useMember(commerce.referrerId);
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2 }}
      bordered
      style={{ marginBottom: 16 }}
      items={[
        {
          key: 'level',
          label: t('memberCommerce.level'),
          children: commerce.levelName ? (
            <Tag color="gold">{commerce.levelName}</Tag>
          ) : (
            t('memberCommerce.noLevel')
          ),
        },
        {
          key: 'svip',
          label: t('memberCommerce.svip'),
          children: commerce.svipActive ? (
            <span>
              <Tag color="purple">{t('memberCommerce.svipActive')}</Tag>
              {t('memberCommerce.svipUntil', { at: formatInstant(commerce.svipExpiresAt) })}
            </span>
          ) : commerce.svipExpiresAt ? (
            t('memberCommerce.svipExpired', { at: formatInstant(commerce.svipExpiresAt) })
          ) : (
            t('memberCommerce.svipNone')
          ),
        },
        {
          key: 'points',
          label: t('points.balance'),
          children: <span data-testid="points-balance">{commerce.pointsBalance}</span>,
        },
        {
          key: 'referrer',
          label: t('memberCommerce.referrer'),
          children: commerce.referrerId ? (referrer.data?.phone ?? `#${commerce.referrerId}`) : '—',
        },
        {
          key: 'team',
          label: t('memberCommerce.teamCaptain'),
          children: commerce.teamCaptain ? t('memberCommerce.yes') : t('memberCommerce.no'),
        },
        { key: 'region', label: t('memberCommerce.agentRegion'), children: commerce.agentRegion ?? '—' },
      ]}
    />
  );
}

/** A member's level, SVIP, referral roles and points, opened from the member list. */
export function MemberCommerceDrawer({ member, onClose }: { member: Member; onClose: () => void }) {
  const t = useT();
  const commerce = useMemberCommerce(member.id);
  const data = commerce.data;
  return (
    <Drawer
      open
      size={640}
      title={t('memberCommerce.title', { name: member.name || member.phone, phone: member.phone })}
      onClose={onClose}
    >
      {commerce.isPending ? (
        <Skeleton active />
      ) : !data ? (
        <LoadFailed onRetry={() => void commerce.refetch()} />
      ) : (
        <>
          <Summary commerce={data} />
          <Tabs
            items={[
              {
                key: 'benefits',
                label: t('memberCommerce.tab.benefits'),
                // Re-mounted after a save so the form shows what the server kept.
                children: <MemberCommerceForm key={commerce.dataUpdatedAt} commerce={data} />,
              },
              {
                key: 'points',
                label: t('memberCommerce.tab.points'),
                children: <MemberPoints commerce={data} />,
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
