import {
  AccountBookOutlined,
  ApartmentOutlined,
  AppstoreOutlined,
  AuditOutlined,
  CreditCardOutlined,
  DashboardOutlined,
  FileDoneOutlined,
  GiftOutlined,
  KeyOutlined,
  LockOutlined,
  ProfileOutlined,
  QrcodeOutlined,
  SafetyCertificateOutlined,
  ScanOutlined,
  SettingOutlined,
  ShopOutlined,
  ShoppingOutlined,
  StarOutlined,
  TagsOutlined,
  TeamOutlined,
  TransactionOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { StaffRole } from '@kaquan/contracts';
import type { MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { ROLE_PAGES } from '../auth/auth.ts';
import type { MessageKey, Translate } from '../i18n/i18n.tsx';

const ENTRIES: Record<string, { label: MessageKey; icon: ReactNode }> = {
  merchants: { label: 'menu.merchants', icon: <ApartmentOutlined /> },
  overview: { label: 'menu.overview', icon: <DashboardOutlined /> },
  merchant: { label: 'menu.merchant', icon: <SettingOutlined /> },
  stores: { label: 'menu.stores', icon: <ShopOutlined /> },
  staff: { label: 'menu.staff', icon: <TeamOutlined /> },
  members: { label: 'menu.members', icon: <UserOutlined /> },
  products: { label: 'menu.products', icon: <ShoppingOutlined /> },
  'product-categories': { label: 'menu.productCategories', icon: <AppstoreOutlined /> },
  orders: { label: 'menu.orders', icon: <ProfileOutlined /> },
  commissions: { label: 'menu.commissions', icon: <AccountBookOutlined /> },
  'commerce-settings': { label: 'menu.commerceSettings', icon: <TransactionOutlined /> },
  'api-keys': { label: 'menu.apiKeys', icon: <KeyOutlined /> },
  audit: { label: 'menu.audit', icon: <AuditOutlined /> },
  vouchers: { label: 'menu.vouchers', icon: <TagsOutlined /> },
  'voucher-templates': { label: 'menu.voucherTemplates', icon: <CreditCardOutlined /> },
  'voucher-review': { label: 'menu.voucherReview', icon: <SafetyCertificateOutlined /> },
  'verify-desk': { label: 'menu.verifyDesk', icon: <ScanOutlined /> },
  verifications: { label: 'menu.verifications', icon: <FileDoneOutlined /> },
  evaluations: { label: 'menu.evaluations', icon: <StarOutlined /> },
  campaigns: { label: 'menu.campaigns', icon: <QrcodeOutlined /> },
  codes: { label: 'menu.codes', icon: <GiftOutlined /> },
  'card-keys': { label: 'menu.cardKeys', icon: <LockOutlined /> },
};

export function menuItems(role: StaffRole, t: Translate): NonNullable<MenuProps['items']> {
  return ROLE_PAGES[role].map((page) => ({
    key: `/${page}`,
    icon: ENTRIES[page].icon,
    label: t(ENTRIES[page].label),
  }));
}
