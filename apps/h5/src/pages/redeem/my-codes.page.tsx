import { ErrorBlock, List, SpinLoading, Tag } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import { type MemberCode, useMyCodes } from '../../api/redemption.ts';
import { PageError } from '../../components/CenteredState.tsx';
import { merchantPath, useMerchant } from '../../components/merchant-context.ts';
import { SubPage } from '../../components/sub-page.tsx';
import { useT } from '../../i18n/index.tsx';
import { formatTime } from '../../lib/format-time.ts';
import './redeem.css';

const COLORS: Record<MemberCode['state'], string> = {
  unused: 'success',
  redeemed: 'primary',
  disabled: 'default',
  expired: 'warning',
};

/** 我的兑换码: gift cards I hold (bought or received) and codes I redeemed. */
export function MyCodesPage() {
  const t = useT();
  const navigate = useNavigate();
  const { merchant } = useMerchant();
  const codes = useMyCodes();

  const open = (c: MemberCode) => {
    if (c.orderId) navigate(merchantPath(merchant.slug, `orders/${c.orderId}`));
    else if (c.state === 'unused') navigate(`${merchantPath(merchant.slug, 'redeem')}?code=${c.code}`);
    else if (c.voucherId) navigate(merchantPath(merchant.slug, `wallet/${c.voucherId}`));
  };

  function body() {
    if (codes.isPending)
      return (
        <div className="kq-block-state">
          <SpinLoading color="primary" />
        </div>
      );
    if (codes.isError) return <PageError onRetry={() => codes.refetch()} />;
    if (codes.data.length === 0)
      return (
        <ErrorBlock
          className="kq-block-state"
          status="empty"
          title={t('myCodes.empty')}
          description={t('myCodes.empty.desc')}
        />
      );
    return (
      <List>
        {codes.data.map((c) => (
          <List.Item
            key={c.id}
            onClick={() => open(c)}
            description={
              c.redeemedAt ? t('myCodes.redeemedAt', { time: formatTime(c.redeemedAt) }) : c.libraryName
            }
            extra={<Tag color={COLORS[c.state]}>{t(`myCodes.state.${c.state}`)}</Tag>}
          >
            <span className="kq-code-text" data-testid="my-code">
              {c.code}
            </span>
          </List.Item>
        ))}
      </List>
    );
  }

  return (
    <SubPage title={t('myCodes.title')} parent="redeem">
      {body()}
    </SubPage>
  );
}
