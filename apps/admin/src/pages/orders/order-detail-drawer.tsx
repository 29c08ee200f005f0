import type { Order } from '@kaquan/contracts';
import { Drawer, Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import { OrderActions } from './order-actions.tsx';
import { OrderBuyer, OrderItems, OrderSummary } from './order-detail-sections.tsx';
import { OrderPrice } from './order-price.tsx';
import { STATUS_COLORS, useOrder } from './orders.api.ts';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

/** Everything about one order, and the buttons for what it allows now. */
export function OrderDetailDrawer({ order: row, onClose }: { order: Order; onClose: () => void }) {
  const t = useT();
  const fresh = useOrder(row);
  const order = fresh.data ?? row;
  const hasActions = order.actions.some((a) => a !== 'confirm');
  return (
    <Drawer
      open
      size={760}
      title={
        <Flex gap={8} align="center">
          {t('orders.detailTitle', { no: order.orderNo })}
          <Tag color={STATUS_COLORS[order.status]}>{t(`orders.status.${order.status}`)}</Tag>
        </Flex>
      }
      onClose={onClose}
      footer={
        hasActions ? (
          <Flex justify="flex-end">
            <OrderActions order={order} />
          </Flex>
        ) : undefined
      }
    >
      <Flex vertical gap={24}>
        <OrderSummary order={order} />
        <Section title={t('orders.section.buyer')}>
          <OrderBuyer order={order} />
        </Section>
        <Section title={t('orders.section.items')}>
          <OrderItems order={order} />
        </Section>
        <Section title={t('orders.section.price')}>
          <OrderPrice quote={order.quote} totalCents={order.totalCents} />
        </Section>
      </Flex>
    </Drawer>
  );
}
