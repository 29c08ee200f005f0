import type { Campaign, CampaignKind, RepeatRule } from '@kaquan/contracts';
import { App, Button, DatePicker, Drawer, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

import { useState } from 'react';
import { randomKey } from '../../api/client.ts';
import { useT } from '../../i18n/i18n.tsx';
import { useStoreOptions } from '../stores/stores.api.ts';
import { CampaignItemsField } from './campaign-items-field.tsx';
import { type CampaignRules, type ItemInput, useCreateCampaign, useUpdateCampaign } from './campaigns.api.ts';

interface FormValues {
  kind: CampaignKind;
  name: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  storeIds?: number[];
  repeatRule: RepeatRule;
  cooldownMinutes?: number;
  perMemberLimit?: number;
  totalLimit?: number;
  items: ItemInput[];
}

function initial(c: Campaign | null, kind: CampaignKind): Partial<FormValues> {
  if (!c)
    return {
      kind,
      repeatRule: kind === 'store' ? 'limit' : 'once',
      perMemberLimit: 1,
      items: [{ quantity: 1 } as ItemInput],
    };
  return {
    kind: c.kind,
    name: c.name,
    range:
      c.startsAt || c.endsAt
        ? [c.startsAt ? dayjs(c.startsAt) : null, c.endsAt ? dayjs(c.endsAt) : null]
        : null,
    storeIds: c.storeIds,
    repeatRule: c.repeatRule,
    cooldownMinutes: c.cooldownSeconds ? Math.round(c.cooldownSeconds / 60) : undefined,
    perMemberLimit: c.perMemberLimit,
    totalLimit: c.totalLimit,
  };
}

function rulesOf(v: FormValues): CampaignRules {
  const rules: CampaignRules = {
    name: v.name,
    startsAt: v.range?.[0]?.toISOString() ?? null,
    endsAt: v.range?.[1]?.toISOString() ?? null,
    repeatRule: v.repeatRule,
  };
  if (v.kind === 'store') {
    rules.storeIds = v.storeIds ?? [];
    rules.perMemberLimit = v.perMemberLimit ?? 1;
    rules.totalLimit = v.totalLimit ?? 0;
  } else if (v.repeatRule === 'cooldown') rules.cooldownSeconds = (v.cooldownMinutes ?? 0) * 60;
  return rules;
}

/** Create a campaign, or edit its name, time window, stores and rules (items: the stock dialog). */
export function CampaignFormDrawer({
  campaign,
  kind,
  onClose,
}: {
  campaign: Campaign | null;
  kind: CampaignKind;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [key] = useState(randomKey);
  const create = useCreateCampaign(key);
  const update = useUpdateCampaign();
  const stores = useStoreOptions();
  const currentKind = Form.useWatch('kind', form) ?? campaign?.kind ?? kind;
  const repeatRule = Form.useWatch('repeatRule', form);

  const submit = async (v: FormValues) => {
    const values = { ...v, kind: currentKind };
    if (campaign) await update.mutateAsync({ id: campaign.id, rules: rulesOf(values) });
    else
      await create.mutateAsync({
        ...rulesOf(values),
        kind: currentKind,
        items: v.items.map((i) => ({
          templateId: i.templateId,
          quantity: i.quantity,
          stock: i.stock ?? null,
        })),
      });
    message.success(t('common.saved'));
    onClose();
  };

  return (
    <Drawer
      open
      width={720}
      title={campaign ? t('campaigns.editTitle', { name: campaign.name }) : t('campaigns.createTitle')}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending || update.isPending} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<FormValues>
        form={form}
        name="campaignForm"
        layout="vertical"
        initialValues={initial(campaign, kind)}
        onFinish={(v) => void submit(v).catch(() => undefined)}
        onValuesChange={(changed: Partial<FormValues>) => {
          if (changed.kind) form.setFieldValue('repeatRule', changed.kind === 'store' ? 'limit' : 'once');
        }}
      >
        <Form.Item name="kind" label={t('campaigns.kind')}>
          <Radio.Group disabled={!!campaign} optionType="button">
            <Radio value="qr">{t('campaigns.kind.qr')}</Radio>
            <Radio value="store">{t('campaigns.kind.store')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="name"
          label={t('campaigns.name')}
          rules={[{ required: true, message: t('campaigns.nameRequired') }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="range"
          label={t('campaigns.window')}
          extra={currentKind === 'qr' ? t('campaigns.windowHelpQr') : t('campaigns.windowHelpStore')}
          rules={currentKind === 'store' ? [{ required: true, message: t('campaigns.windowRequired') }] : []}
        >
          <DatePicker.RangePicker
            showTime
            allowEmpty={currentKind === 'qr' ? [true, true] : [false, false]}
          />
        </Form.Item>
        {currentKind === 'store' ? (
          <>
            <Form.Item
              name="storeIds"
              label={t('campaigns.stores')}
              rules={[{ required: true, message: t('campaigns.storesRequired') }]}
            >
              <Select<number[]>
                mode="multiple"
                loading={stores.isPending}
                options={stores.data?.map((s) => ({ value: s.id, label: s.name }))}
              />
            </Form.Item>
            <Space size="large" wrap>
              <Form.Item
                name="perMemberLimit"
                label={t('campaigns.perMemberLimit')}
                extra={t('campaigns.zeroNoLimit')}
              >
                <InputNumber min={0} max={10_000} />
              </Form.Item>
              <Form.Item
                name="totalLimit"
                label={t('campaigns.totalLimit')}
                extra={t('campaigns.zeroNoLimit')}
              >
                <InputNumber min={0} max={10_000_000} />
              </Form.Item>
            </Space>
          </>
        ) : (
          <Space size="large" wrap align="start">
            <Form.Item name="repeatRule" label={t('campaigns.repeatRule')}>
              <Radio.Group>
                <Radio value="once">{t('campaigns.rule.once')}</Radio>
                <Radio value="unlimited">{t('campaigns.rule.unlimited')}</Radio>
                <Radio value="cooldown">{t('campaigns.rule.cooldown')}</Radio>
              </Radio.Group>
            </Form.Item>
            {repeatRule === 'cooldown' && (
              <Form.Item
                name="cooldownMinutes"
                label={t('campaigns.cooldownMinutes')}
                rules={[{ required: true, message: t('campaigns.cooldownRequired') }]}
              >
                <InputNumber min={1} max={527_040} />
              </Form.Item>
            )}
          </Space>
        )}
        {!campaign && (
          <Form.Item label={t('campaigns.items')} required>
            <CampaignItemsField kind={currentKind} />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
