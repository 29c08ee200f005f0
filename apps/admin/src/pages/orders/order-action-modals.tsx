import type { Order } from '@kaquan/contracts';
import { Alert, App, AutoComplete, Form, Input, Modal } from 'antd';
import { formatMoney } from '../../components/money.ts';
import { useT } from '../../i18n/i18n.tsx';
import { useOrderAction } from './orders.api.ts';

const CARRIERS = ['顺丰速运', '中通快递', '圆通速递', '韵达快递', '申通快递', '京东物流', 'EMS', '极兔速递'];

interface ShipValues {
  carrier: string;
  trackingNo: string;
}

export function ShipModal({ order, onClose }: { order: Order; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ShipValues>();
  const act = useOrderAction(order.id);
  const onFinish = (v: ShipValues) =>
    act.mutate(
      { action: 'ship', body: { carrier: v.carrier.trim(), trackingNo: v.trackingNo.trim() } },
      {
        onSuccess: () => {
          void message.success(t('orders.shipped', { no: order.orderNo }));
          onClose();
        },
      },
    );
  return (
    <Modal
      open
      title={t('orders.shipTitle', { no: order.orderNo })}
      okText={t('orders.action.ship')}
      cancelText={t('common.cancel')}
      confirmLoading={act.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form<ShipValues> form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="carrier"
          label={t('orders.carrier')}
          rules={[{ required: true, whitespace: true, message: t('orders.carrierRequired') }]}
        >
          <AutoComplete
            options={CARRIERS.map((value) => ({ value }))}
            placeholder={t('orders.carrierPlaceholder')}
            showSearch={{ filterOption: (input, option) => !!option?.value.includes(input) }}
          />
        </Form.Item>
        <Form.Item
          name="trackingNo"
          label={t('orders.trackingNo')}
          rules={[{ required: true, whitespace: true, message: t('orders.trackingNoRequired') }]}
        >
          <Input maxLength={60} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Cancel or refund, with an optional reason kept in the order's history. */
export function ReasonModal({
  order,
  action,
  onClose,
}: {
  order: Order;
  action: 'cancel' | 'refund';
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason?: string }>();
  const act = useOrderAction(order.id);
  const onFinish = (v: { reason?: string }) =>
    act.mutate(
      { action, body: v.reason?.trim() ? { reason: v.reason.trim() } : {} },
      {
        onSuccess: () => {
          void message.success(t(`orders.done.${action}`, { no: order.orderNo }));
          onClose();
        },
      },
    );
  return (
    <Modal
      open
      title={t(`orders.confirm.${action}`, { no: order.orderNo })}
      okText={t(`orders.action.${action}`)}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={act.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Alert
        type="warning"
        showIcon
        title={t(`orders.confirmHelp.${action}`, { amount: formatMoney(order.totalCents) })}
        style={{ marginBottom: 16 }}
      />
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item name="reason" label={t('orders.reason')}>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
