import { Empty } from 'antd';
import type { ReactNode } from 'react';

/** An empty list that says what the list is for and offers the action that fills it. */
export function EmptyState({ text, action }: { text: ReactNode; action?: ReactNode }) {
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} style={{ padding: '32px 0' }}>
      {action}
    </Empty>
  );
}
