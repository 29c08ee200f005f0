import type { MemberCommerce } from '@kaquan/contracts';
import { App, Button, DatePicker, Form, Input, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useLang, useT } from '../../i18n/i18n.tsx';
import { discountLabel, useMemberLevels } from '../member-levels/member-levels.api.ts';
import { type MemberCommercePatch, useSaveMemberCommerce } from './member-commerce.api.ts';
import { MemberPicker } from './member-picker.tsx';

interface FormValues {
  levelId?: number | null;
  svipExpiresAt?: Dayjs | null;
  referrerId?: number | null;
  teamCaptain: boolean;
  agentRegion?: string;
}

function toPatch(v: FormValues): MemberCommercePatch {
  return {
    levelId: v.levelId ?? null,
    // SVIP lasts to the end of the chosen day.
    svipExpiresAt: v.svipExpiresAt ? v.svipExpiresAt.endOf('day').toISOString() : null,
    referrerId: v.referrerId ?? null,
    teamCaptain: v.teamCaptain,
    agentRegion: v.agentRegion?.trim() || null,
  };
}

/** Level, SVIP expiry, referrer, team captain and agent region of one member. */
export function MemberCommerceForm({ commerce }: { commerce: MemberCommerce }) {
  const t = useT();
  const [lang] = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const levels = useMemberLevels();
  const save = useSaveMemberCommerce(commerce.memberId);

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      disabled={save.isPending}
      initialValues={{
        levelId: commerce.levelId,
        svipExpiresAt: commerce.svipExpiresAt ? dayjs(commerce.svipExpiresAt) : null,
        referrerId: commerce.referrerId,
        teamCaptain: commerce.teamCaptain,
        agentRegion: commerce.agentRegion ?? undefined,
      }}
      onFinish={(values) =>
        save.mutate(toPatch(values), { onSuccess: () => void message.success(t('common.saved')) })
      }
    >
      <Form.Item name="levelId" label={t('memberCommerce.level')}>
        <Select
          allowClear
          placeholder={t('memberCommerce.noLevel')}
          loading={levels.isPending}
          options={levels.data?.map((l) => ({
            value: l.id,
            label: `${l.name}（${discountLabel(l.discountPercent, lang) ?? t('levels.noDiscount')}）`,
          }))}
          notFoundContent={levels.data?.length === 0 ? t('memberCommerce.noLevels') : undefined}
        />
      </Form.Item>
      <Form.Item
        name="svipExpiresAt"
        label={t('memberCommerce.svipExpiresAt')}
        extra={t('memberCommerce.svipHelp')}
      >
        <DatePicker style={{ width: 220 }} placeholder={t('memberCommerce.svipNone')} />
      </Form.Item>
      <Form.Item
        name="referrerId"
        label={t('memberCommerce.referrer')}
        extra={t('memberCommerce.referrerHelp')}
      >
        <MemberPicker exclude={commerce.memberId} />
      </Form.Item>
      <Form.Item
        name="teamCaptain"
        label={t('memberCommerce.teamCaptain')}
        extra={t('memberCommerce.teamCaptainHelp')}
        valuePropName="checked"
      >
        <Switch />
      </Form.Item>
      <Form.Item
        name="agentRegion"
        label={t('memberCommerce.agentRegion')}
        extra={t('memberCommerce.agentRegionHelp')}
      >
        <Input maxLength={50} placeholder={t('memberCommerce.agentRegionPlaceholder')} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {t('common.save')}
      </Button>
    </Form>
  );
}
