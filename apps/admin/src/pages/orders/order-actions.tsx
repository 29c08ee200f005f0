import { CarOutlined, CheckOutlined, CloseOutlined, RollbackOutlined } from '@ant-design/icons';
import type { Order } from '@kaquan/contracts';
import { App, Button, Popconfirm, Space } from 'antd';
import { type ReactNode, useState } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import { ReasonModal, ShipModal } from './order-action-modals.tsx';
import { STAFF_ACTIONS, type StaffAction, useOrderAction } from './orders.api.ts';

const ICONS: Record<StaffAction, ReactNode> = {
  ship: <CarOutlined />,
  complete: <CheckOutlined />,
  cancel: <CloseOutlined />,
  refund: <RollbackOutlined />,
};

/** The buttons for what the order allows now (from `order.actions`), each with its confirmation. */
export function OrderActions({ order }: { order: Order }) {
  const t = useT();
  const { message } = App.useApp();
  const [open, setOpen] = useState<StaffAction | null>(null);
  const act = useOrderAction(order.id);
  const actions = STAFF_ACTIONS.filter((a) => order.actions.includes(a));
  if (actions.length === 0) return null;

  return (
    <Space wrap>
      {actions.map((action) =>
        action === 'complete' ? (
          <Popconfirm
            key={action}
            title={t('orders.confirm.complete', { no: order.orderNo })}
            description={t('orders.confirmHelp.complete')}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              act
                .mutateAsync({ action, body: {} })
                .then(() => void message.success(t('orders.done.complete', { no: order.orderNo })))
            }
          >
            <Button icon={ICONS[action]}>{t('orders.action.complete')}</Button>
          </Popconfirm>
        ) : (
          <Button
            key={action}
            type={action === 'ship' ? 'primary' : 'default'}
            danger={action === 'cancel' || action === 'refund'}
            icon={ICONS[action]}
            onClick={() => setOpen(action)}
          >
            {t(`orders.action.${action}`)}
          </Button>
        ),
      )}
      {open === 'ship' && <ShipModal order={order} onClose={() => setOpen(null)} />}
      {(open === 'cancel' || open === 'refund') && (
        <ReasonModal order={order} action={open} onClose={() => setOpen(null)} />
      )}
    </Space>
  );
}
