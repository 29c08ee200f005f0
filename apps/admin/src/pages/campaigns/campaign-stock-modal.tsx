import type { Campaign } from '@kaquan/contracts';
import { App, Form, Modal } from 'antd';
import { useT } from '../../i18n/i18n.tsx';
import { CampaignItemsField } from './campaign-items-field.tsx';
import { type ItemInput, useSetItems } from './campaigns.api.ts';

/** S3.4: swap, add and remove items, change quantities and raise or lower stock — at once. */
export function CampaignStockModal({ campaign, onClose }: { campaign: Campaign; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ items: ItemInput[] }>();
  const setItems = useSetItems();
  const claimed = Object.fromEntries(campaign.items.map((i) => [i.id, i.claimed]));
  return (
    <Modal
      open
      width={760}
      title={t('campaigns.stockTitle', { name: campaign.name })}
      okText={t('common.save')}
      confirmLoading={setItems.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<{ items: ItemInput[] }>
        form={form}
        name="campaignStock"
        layout="vertical"
        initialValues={{
          items: campaign.items.map((i) => ({
            id: i.id,
            templateId: i.templateId,
            quantity: i.quantity,
            stock: i.stock,
          })),
        }}
        onFinish={(v) =>
          void setItems
            .mutateAsync({
              id: campaign.id,
              items: v.items.map((i) => ({
                ...(i.id ? { id: i.id } : {}),
                templateId: i.templateId,
                quantity: i.quantity,
                stock: i.stock ?? null,
              })),
            })
            .then(() => {
              message.success(t('common.saved'));
              onClose();
            })
            .catch(() => undefined)
        }
      >
        <CampaignItemsField kind={campaign.kind} claimed={claimed} />
      </Form>
    </Modal>
  );
}
