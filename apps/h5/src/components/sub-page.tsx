import { NavBar } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useBack } from '../lib/use-back.ts';
import { merchantPath, useMerchant } from './merchant-context.ts';

interface SubPageProps {
  title: ReactNode;
  /** Where 返回 leads when the page was opened directly (from a link or the pay page). */
  parent: string;
  right?: ReactNode;
  /** A bar fixed to the bottom of the screen (buttons, a total). */
  actionBar?: ReactNode;
  children: ReactNode;
}

/** A page outside the tab bar: a title bar with 返回, the content, and an optional bottom bar. */
export function SubPage({ title, parent, right, actionBar, children }: SubPageProps) {
  const { merchant } = useMerchant();
  const back = useBack(merchantPath(merchant.slug, parent));
  return (
    <div className="kq-page kq-sub-page">
      <NavBar className="kq-nav kq-sticky-nav" onBack={back} right={right}>
        {title}
      </NavBar>
      <div className="kq-sub-page-body">{children}</div>
      {actionBar && <div className="kq-action-bar">{actionBar}</div>}
    </div>
  );
}
