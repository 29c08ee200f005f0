import type { MessageKey } from '../i18n/index.tsx';

/** The home page's entry points; each feature replaces its coming-soon page when it ships. */
export interface Entry {
  path: string;
  title: MessageKey;
  description: MessageKey;
}

export const ENTRIES = {
  redeem: { path: 'redeem', title: 'entry.redeem', description: 'entry.redeem.desc' },
  giftCards: { path: 'gift-cards', title: 'entry.giftCards', description: 'entry.giftCards.desc' },
  wallet: { path: 'wallet', title: 'entry.wallet', description: 'entry.wallet.desc' },
  claim: { path: 'claim', title: 'entry.claim', description: 'entry.claim.desc' },
} satisfies Record<string, Entry>;

export type EntryName = keyof typeof ENTRIES;
