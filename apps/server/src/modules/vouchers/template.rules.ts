// Pure rules of voucher templates: text widths (S2.1), the automatic review pre-checks (S2.2)
// and the weekday set stored as seven 0/1 flags (S4 `use_week`).
import type { ReviewFlag, TemplateStatus, VoucherKind } from '@kaquan/contracts';

/** S2.1: a CJK character and a Latin letter each count one — we count Unicode code points. */
export const displayWidth = (s: string) => [...s].length;

export const TEXT_LIMITS = { title: 15, merchantName: 10 } as const;

/** The first text over its limit, or null. */
export function textTooLong(texts: { title?: string; merchantName?: string }) {
  for (const field of ['title', 'merchantName'] as const) {
    const text = texts[field];
    if (text !== undefined && displayWidth(text) > TEXT_LIMITS[field]) {
      return { field, max: TEXT_LIMITS[field] };
    }
  }
  return null;
}

/** Member-visible texts the reviewer checks; the service phone is meant to hold a phone. */
export const REVIEWED_TEXTS = ['title', 'merchantName', 'conditions', 'claimNotice'] as const;
export type ReviewedTexts = Partial<Record<(typeof REVIEWED_TEXTS)[number], string>>;

const TLDS =
  'com|cn|net|org|info|biz|top|xyz|vip|shop|store|site|online|club|ltd|wang|ink|link|app|tech|cc|co|io|me|tv|mobi|asia|hk|tw';

// ASCII URL characters, not ending in sentence punctuation.
const URL_CHARS = String.raw`[\w\-.~:/?#@!$&'*+,;=%]*[\w/#=&%-]`;

const PATTERNS: { kind: ReviewFlag['kind']; re: RegExp }[] = [
  {
    kind: 'phone',
    re: new RegExp(
      [
        // mainland mobiles, optionally +86 and grouped 3-4-4
        String.raw`(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)`,
        // 400 / 800 service numbers
        String.raw`(?<!\d)[48]00[\s-]?\d{3}[\s-]?\d{4}(?!\d)`,
        // landlines with an area code: 021-12345678, 0755 1234567, (010)12345678
        String.raw`(?<!\d)\(?0\d{2,3}\)?[\s-]?\d{7,8}(?!\d)`,
      ].join('|'),
      'g',
    ),
  },
  {
    kind: 'url',
    re: new RegExp(
      [
        String.raw`https?:\/\/${URL_CHARS}`,
        String.raw`www\.${URL_CHARS}`,
        String.raw`(?<![a-z0-9.-])[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9-]+)*\.(?:${TLDS})(?![a-z0-9-])(?:\/${URL_CHARS})?`,
      ].join('|'),
      'gi',
    ),
  },
  {
    kind: 'wechat',
    re: /(?<![a-z])(?:微信|威信|薇信|v信|vx|wx|weixin|wechat)号?\s*[:：]?\s*(?:[a-z][-_a-z0-9]{5,19}|\d{5,20})(?![-_a-z0-9])/gi,
  },
  {
    kind: 'absolute',
    re: /最|第一|唯一|首个|首家|首选|独家|独一无二|国家级|世界级|全球级|顶级|顶尖|极致|极品|全网|绝对|万能|永久|史上|百分百|百分之百|(?<!\d)100\s*%/g,
  },
];

/**
 * S2.2 pre-checks: contact details (phones, URLs, WeChat ids) and absolute claims in the texts a
 * member sees. Full-width forms (１３８…, ｗｗｗ．) are folded first so they cannot slip through.
 */
export function reviewFlags(texts: ReviewedTexts): ReviewFlag[] {
  const out: ReviewFlag[] = [];
  const seen = new Set<string>();
  for (const field of REVIEWED_TEXTS) {
    const text = texts[field]?.normalize('NFKC');
    if (!text) continue;
    for (const { kind, re } of PATTERNS) {
      for (const m of text.matchAll(re)) {
        const key = `${kind}\u0000${field}\u0000${m[0]}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ kind, field, match: m[0] });
      }
    }
  }
  return out;
}

/** Weekdays (1 = Monday … 7 = Sunday) → seven 0/1 flags, Monday first; null when not a valid set. */
export function weekToFlags(days: number[]): string | null {
  if (days.length === 0 || new Set(days).size !== days.length) return null;
  if (days.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) return null;
  return Array.from({ length: 7 }, (_, i) => (days.includes(i + 1) ? '1' : '0')).join('');
}

/** Seven 0/1 flags, Monday first → weekdays in order. */
export const flagsToWeek = (flags: string) => [...flags].flatMap((c, i) => (c === '1' ? [i + 1] : []));

/** Review and switching of a template, as data: each action and the states it may start from. */
export const TEMPLATE_TRANSITIONS = {
  approve: { from: ['pending_review'], refusal: 'TEMPLATE_NOT_PENDING' },
  reject: { from: ['pending_review'], refusal: 'TEMPLATE_NOT_PENDING' },
  disable: { from: ['pending_review', 'active', 'rejected'], refusal: 'TEMPLATE_ALREADY_DISABLED' },
  enable: { from: ['disabled'], refusal: 'TEMPLATE_NOT_DISABLED' },
} as const satisfies Record<string, { from: readonly TemplateStatus[]; refusal: string }>;

export const KIND_FIELDS = {
  exchange: { required: ['goodsName', 'goodsQuantity'], allowed: ['goodsName', 'goodsQuantity'] },
  cash: { required: ['amountCents'], allowed: ['amountCents', 'thresholdCents'] },
  discount: { required: ['percentOff'], allowed: ['percentOff', 'capCents'] },
  ticket: { required: [], allowed: [] },
} as const satisfies Record<VoucherKind, { required: readonly string[]; allowed: readonly string[] }>;

const ANY_KIND_FIELD = [...new Set(Object.values(KIND_FIELDS).flatMap((k) => k.allowed))];

/**
 * Fields a kind needs but lacks (after the edit, with `current` the stored values) and fields of
 * another kind that were given; null when the template fits its kind.
 */
export function kindFieldsProblem(
  kind: VoucherKind,
  input: Record<string, unknown>,
  current: Record<string, unknown> = {},
) {
  const rules = KIND_FIELDS[kind];
  const given = (f: string) => input[f] !== undefined && input[f] !== null;
  const allowed: readonly string[] = rules.allowed;
  const unexpected = ANY_KIND_FIELD.filter((f) => given(f) && !allowed.includes(f));
  const missing = rules.required.filter((f) => !given(f) && (current[f] ?? null) === null);
  return unexpected.length || missing.length ? { kind, missing, unexpected } : null;
}
