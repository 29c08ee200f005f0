import { createContext, useContext } from 'react';
import type { MerchantInfo } from '../api/member.ts';

export const MerchantContext = createContext<MerchantInfo | null>(null);

/** The merchant whose pages are open; only valid below MerchantLayout. */
export function useMerchant(): MerchantInfo {
  const info = useContext(MerchantContext);
  if (!info) throw new Error('useMerchant outside MerchantLayout');
  return info;
}

export const merchantPath = (slug: string, sub = '') => `/${encodeURIComponent(slug)}/${sub}`;
