import { Button, ErrorBlock, NavBar } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import { merchantPath, useMerchant } from '../../components/merchant-context.ts';
import { useT } from '../../i18n/index.tsx';
import { ENTRIES, type EntryName } from '../../lib/entries.ts';

/** Stands in for a member feature that has not shipped yet: says so plainly, shows no made-up data. */
export function ComingSoonPage({ entry }: { entry: EntryName }) {
  const t = useT();
  const navigate = useNavigate();
  const { merchant } = useMerchant();
  const title = t(ENTRIES[entry].title);
  const home = merchantPath(merchant.slug);

  return (
    <div className="kq-page">
      <NavBar className="kq-nav" backIcon onBack={() => navigate(home)}>
        {title}
      </NavBar>
      <ErrorBlock
        className="kq-soon"
        status="empty"
        title={t('comingSoon.title')}
        description={t('comingSoon.description', { name: title })}
      >
        <Button color="primary" fill="outline" onClick={() => navigate(home)}>
          {t('comingSoon.home')}
        </Button>
      </ErrorBlock>
    </div>
  );
}
