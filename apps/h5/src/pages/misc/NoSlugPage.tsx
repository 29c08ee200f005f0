import { PageState } from '../../components/CenteredState.tsx';
import { useT } from '../../i18n/index.tsx';

/** /h5/ on its own: member pages always belong to a merchant. */
export function NoSlugPage() {
  const t = useT();
  return <PageState status="default" title={t('noSlug.title')} description={t('noSlug.description')} />;
}
