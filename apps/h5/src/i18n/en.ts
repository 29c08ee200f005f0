import { campaignEn } from './campaign.en.ts';
import { cardKeyEn } from './cardkey.en.ts';
import { evaluationEn } from './evaluation.en.ts';
import { giftEn } from './gift.en.ts';
import { redeemEn } from './redeem.en.ts';
import { shopEn } from './shop.en.ts';
import { walletEn } from './wallet.en.ts';
import type { MessageKey } from './zh-CN.ts';

export const en: Record<MessageKey, string> = {
  'app.name': 'Kaquan',
  'common.loading': 'Loading…',
  'common.retry': 'Retry',
  'common.networkError': 'Network error, please try again later',
  'noSlug.title': "Open your merchant's link",
  'noSlug.description':
    "Member pages belong to a merchant. Open the link the merchant gave you or scan the merchant's QR code.",
  'unknownMerchant.title': 'Merchant not found',
  'unknownMerchant.description':
    'This merchant does not exist or is no longer in service. Please check the link.',
  'tab.home': 'Home',
  'tab.me': 'Me',
  'login.welcome': 'Welcome to {name}',
  'login.subtitle': 'Sign in with your phone number; new members are registered automatically',
  'login.phone': 'Phone',
  'login.phonePlaceholder': 'Mobile number',
  'login.phoneRequired': 'Enter your phone number',
  'login.phoneInvalid': 'Enter a valid 11-digit mobile number',
  'login.code': 'Code',
  'login.codePlaceholder': 'Verification code',
  'login.codeRequired': 'Enter the verification code',
  'login.codeInvalid': 'The code should be digits',
  'login.sendCode': 'Get code',
  'login.resend': 'Resend in {n}s',
  'login.codeSent': 'Code sent',
  'login.submit': 'Sign in',
  'login.success': 'Signed in',
  'login.devHint':
    'Development mode: no real SMS is sent; the code is in the server log and data/sms-console.log.',
  'home.greeting': 'Hello, {name}',
  'home.services': 'Member services',
  'entry.redeem': 'Redemption center',
  'entry.redeem.desc': 'Redeem a code for goods',
  'entry.giftCards': 'Gift cards',
  'entry.giftCards.desc': 'Buy a gift card for friends',
  'entry.wallet': 'My vouchers',
  'entry.wallet.desc': 'See and use your vouchers',
  'entry.claim': 'Claim center',
  'entry.claim.desc': "Claim the merchant's coupons",
  'comingSoon.title': 'Coming soon',
  'comingSoon.description': '“{name}” is being prepared. Please check back later.',
  'comingSoon.home': 'Back to home',
  'me.merchant': 'Merchant',
  'me.language': 'Language',
  'me.logout': 'Sign out',
  'me.logoutConfirm': 'Sign out now?',
  'me.loggedOut': 'Signed out',
  'me.unnamed': 'Member',
  'verify.title': 'Store verification',
  'verify.store': 'Store code: {code}',
  'verify.noStore': 'This QR code carries no store',
  'verify.unknownStore': 'Store not found; check that this QR code belongs to this merchant',
  'lang.zh-CN': '简体中文',
  'lang.en': 'English',
  ...shopEn,
  ...walletEn,
  ...giftEn,
  ...redeemEn,
  ...evaluationEn,
  ...campaignEn,
  ...cardKeyEn,
};
