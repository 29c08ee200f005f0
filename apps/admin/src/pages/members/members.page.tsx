import { PlusOutlined } from '@ant-design/icons';
import type { MemberLevel } from '@kaquan/contracts';
import { Button, Tabs } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/page-header.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { MemberLevelFormModal } from '../member-levels/member-level-form-modal.tsx';
import { MemberLevelsTable } from '../member-levels/member-levels-table.tsx';
import { MemberFormModal } from './member-form-modal.tsx';
import { MemberList } from './member-list.tsx';

type Tab = 'list' | 'levels';

/** Members, and the member levels (会员等级) that price their purchases, as two tabs (?tab=levels). */
export default function MembersPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'levels' ? 'levels' : 'list';
  const [creating, setCreating] = useState(() => params.has('create'));
  const [editingLevel, setEditingLevel] = useState<{ level?: MemberLevel } | null>(null);

  const createMember = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
      {t('members.create')}
    </Button>
  );
  const createLevel = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditingLevel({})}>
      {t('levels.create')}
    </Button>
  );

  return (
    <>
      <PageHeader
        title={t('members.title')}
        subtitle={tab === 'levels' ? t('levels.subtitle') : t('members.subtitle')}
        extra={tab === 'levels' ? createLevel : createMember}
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'levels' ? { tab: 'levels' } : {}, { replace: true })}
        items={[
          { key: 'list', label: t('members.tab.list'), children: <MemberList createButton={createMember} /> },
          {
            key: 'levels',
            label: t('levels.title'),
            children: (
              <MemberLevelsTable createButton={createLevel} onEdit={(level) => setEditingLevel({ level })} />
            ),
          },
        ]}
      />
      {creating && <MemberFormModal onClose={() => setCreating(false)} />}
      {editingLevel && (
        <MemberLevelFormModal level={editingLevel.level} onClose={() => setEditingLevel(null)} />
      )}
    </>
  );
}
