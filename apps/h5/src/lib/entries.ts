import type { MessageKey } from '../i18n/index.tsx';

/** The home page's entry points; each feature replaces its coming-soon page when it ships. */
export interface Entry {
  path: string;
  title: MessageKey;
  description: MessageKey;
  /** The feature has shipped: its own pages serve the path. */
  live: boolean;
}

export const ENTRIES = {
  shop: { path: 'shop', title: 'entry.shop', description: 'entry.shop.desc', live: true },
  orders: { path: 'orders', title: 'entry.orders', description: 'entry.orders.desc', live: true },
  redeem: { path: 'redeem', title: 'entry.redeem', description: 'entry.redeem.desc', live: true },
  giftCards: {
    path: 'gift-cards',
    title: 'entry.giftCards',
    description: 'entry.giftCards.desc',
    live: true,
  },
  wallet: { path: 'wallet', title: 'entry.wallet', description: 'entry.wallet.desc', live: true },
  claim: { path: 'claim', title: 'entry.claim', description: 'entry.claim.desc', live: true },
} satisfies Record<string, Entry>;

export type EntryName = keyof typeof ENTRIES;
