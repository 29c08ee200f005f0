import type { CardKeyMessageKey } from './cardkey.zh-CN.ts';

export const cardKeyEn: Record<CardKeyMessageKey, string> = {
  'cardKey.title': 'Card keys',
  'cardKey.number': 'Card number',
  'cardKey.secret': 'Key',
  'cardKey.password': 'Password',
  'cardKey.copy': 'Copy',
  'cardKey.copied': 'Copied',
  'cardKey.copyFailed': 'Copy failed; press and hold to copy',
  'cardKey.note': 'Only you can see these keys; keep them safe.',
  'cardKey.won': 'Activity prize',
  'cardKey.awaiting.title': 'Paid, awaiting stock',
  'cardKey.awaiting.desc':
    'Your keys will appear here as soon as the merchant restocks; no need to order again',
  'cardKey.awaiting.items': '{n} keys still awaiting stock',
  'cardKey.loadFailed': 'The keys could not be loaded; pull to refresh',
};
