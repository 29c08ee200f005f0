import { SearchOutlined } from '@ant-design/icons';
import { Button, Form } from 'antd';
import { useT } from '../i18n/i18n.tsx';

/** The end of a filter bar: search (submits the form) and reset. */
export function FilterActions({ onReset }: { onReset: () => void }) {
  const t = useT();
  return (
    <>
      <Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
          {t('common.search')}
        </Button>
      </Form.Item>
      <Form.Item>
        <Button onClick={onReset}>{t('common.reset')}</Button>
      </Form.Item>
    </>
  );
}
