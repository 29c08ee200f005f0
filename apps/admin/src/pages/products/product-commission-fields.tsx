import type { ProductType } from '@kaquan/contracts';
import { Alert, Col, Form, InputNumber, Row, Switch, Typography } from 'antd';
import { type MessageKey, useT } from '../../i18n/i18n.tsx';
import { commissionTotalPct, type ProductFormValues } from './product-form.ts';
import { REGIONAL_AGENT_TYPES } from './products.api.ts';

function PercentInput(props: { id?: string; value?: number | null; onChange?: (v: number | null) => void }) {
  return <InputNumber {...props} suffix="%" min={0} max={100} step={1} style={{ width: '100%' }} />;
}

const LEVELS: MessageKey[] = [
  'commission.kind.distributor_l1',
  'commission.kind.distributor_l2',
  'commission.kind.distributor_l3',
];

/** Commission on or off, and each rate in percent (sent as basis points). */
export function ProductCommissionFields({ type, enabled }: { type: ProductType; enabled: boolean }) {
  const t = useT();
  const regional = REGIONAL_AGENT_TYPES.includes(type);
  const totalRule = ({ getFieldsValue }: { getFieldsValue: () => Partial<ProductFormValues> }) => ({
    validator: () =>
      commissionTotalPct(getFieldsValue()) <= 100
        ? Promise.resolve()
        : Promise.reject(new Error(t('products.commissionTooHigh'))),
  });
  const others = [['distributorPct', 1], ['distributorPct', 2], 'teamPct', 'shareholderPct', 'regionalPct'];
  return (
    <>
      <Form.Item
        name="commissionEnabled"
        label={t('products.commissionEnabled')}
        extra={t('products.commissionHelp')}
        valuePropName="checked"
      >
        <Switch />
      </Form.Item>
      {enabled && (
        <>
          <Row gutter={16}>
            {LEVELS.map((label, level) => (
              <Col xs={24} sm={8} key={label}>
                <Form.Item
                  name={['distributorPct', level]}
                  label={t(label)}
                  // The total is checked on the first rate, so its message shows in one place.
                  dependencies={level === 0 ? others : undefined}
                  rules={level === 0 ? [totalRule] : undefined}
                >
                  <PercentInput />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Row gutter={16}>
            <Col xs={24} sm={8}>
              <Form.Item name="teamPct" label={t('commission.kind.team_dividend')}>
                <PercentInput />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="shareholderPct" label={t('commission.kind.shareholder_dividend')}>
                <PercentInput />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              {regional ? (
                <Form.Item name="regionalPct" label={t('commission.kind.regional_agent')}>
                  <PercentInput />
                </Form.Item>
              ) : (
                <Form.Item label={t('commission.kind.regional_agent')}>
                  <Typography.Text type="secondary">{t('products.regionalNotApplicable')}</Typography.Text>
                </Form.Item>
              )}
            </Col>
          </Row>
          {!regional && (
            <Alert type="warning" showIcon title={t('products.regionalNever')} style={{ marginBottom: 16 }} />
          )}
        </>
      )}
    </>
  );
}
