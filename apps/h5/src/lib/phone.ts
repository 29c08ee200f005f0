/** A mainland China mobile number: 11 digits starting 13–19. */
export const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

export function isMainlandMobile(phone: string) {
  return MAINLAND_MOBILE.test(phone);
}

/** 13800000000 → 138****0000; anything else keeps only its last 4 characters visible. */
export function maskPhone(phone: string) {
  if (phone.length >= 11) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  if (phone.length > 4) return `${'*'.repeat(phone.length - 4)}${phone.slice(-4)}`;
  return phone;
}
