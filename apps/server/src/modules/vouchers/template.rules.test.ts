import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWidth, flagsToWeek, reviewFlags, textTooLong, weekToFlags } from './template.rules.ts';

const kinds = (texts: Parameters<typeof reviewFlags>[0]) => reviewFlags(texts).map((f) => f.kind);

describe('displayWidth', () => {
  it('counts CJK, Latin and emoji as one each', () => {
    expect(displayWidth('咖啡兑换券')).toBe(5);
    expect(displayWidth('Coffee')).toBe(6);
    expect(displayWidth('🎉券')).toBe(2);
    expect(displayWidth('')).toBe(0);
  });

  it('is the number of code points of any string', () => {
    const codePoint = fc.integer({ min: 0, max: 0x10ffff }).filter((c) => c < 0xd800 || c > 0xdfff);
    fc.assert(
      fc.property(fc.array(codePoint, { maxLength: 40 }), (cps) => {
        expect(displayWidth(String.fromCodePoint(...cps))).toBe(cps.length);
      }),
    );
  });

  it('limits the title to 15 and the merchant name to 10', () => {
    expect(textTooLong({ title: '券'.repeat(15), merchantName: '店'.repeat(10) })).toBeNull();
    expect(textTooLong({ title: '券'.repeat(16) })).toEqual({ field: 'title', max: 15 });
    expect(textTooLong({ title: 'a'.repeat(16) })).toEqual({ field: 'title', max: 15 });
    expect(textTooLong({ merchantName: 'Starbucks!!' })).toEqual({ field: 'merchantName', max: 10 });
    expect(textTooLong({ title: '😀'.repeat(15) })).toBeNull();
  });
});

describe('reviewFlags', () => {
  it('finds phones of every form', () => {
    for (const phone of [
      '13812345678',
      '+86 138-1234-5678',
      '021-12345678',
      '0755 1234567',
      '400-820-8820',
    ]) {
      expect(reviewFlags({ conditions: `请致电${phone}咨询` }), phone).toContainEqual({
        kind: 'phone',
        field: 'conditions',
        match: phone,
      });
    }
    expect(kinds({ conditions: '请致电１３８１２３４５６７８' })).toContain('phone');
  });

  it('finds URLs and bare domains', () => {
    expect(reviewFlags({ claimNotice: '详见 https://shop.example.cn/a?b=1 。' })[0]).toEqual({
      kind: 'url',
      field: 'claimNotice',
      match: 'https://shop.example.cn/a?b=1',
    });
    expect(reviewFlags({ conditions: '访问www.abc.net了解' })[0].match).toBe('www.abc.net');
    expect(reviewFlags({ conditions: '官网abc.com' })[0].match).toBe('abc.com');
    expect(kinds({ conditions: '官网 ABC.CN' })).toEqual(['url']);
  });

  it('finds WeChat ids', () => {
    for (const text of ['加微信：coffee_2024', 'VX abc12345', '微信号 wxid_abcdef', 'wx: 12345678']) {
      expect(kinds({ conditions: text }), text).toContain('wechat');
    }
    expect(kinds({ conditions: '关注微信公众号领取' })).toEqual([]);
  });

  it('finds absolute claims', () => {
    expect(reviewFlags({ title: '全网最低价' }).map((f) => f.match)).toEqual(['全网', '最']);
    for (const word of ['第一', '国家级', '100%', '顶级', '极致', '唯一', '首个', '绝对']) {
      expect(kinds({ title: `本店${word}好喝` }), word).toContain('absolute');
    }
  });

  it('names the field and leaves ordinary texts alone', () => {
    const flags = reviewFlags({
      title: '咖啡兑换券',
      merchantName: '卡券咖啡',
      conditions: '满100元可用，每单限用1张，有效期至2026-12-31，周一至周五可用',
      claimNotice: '到店出示券码',
    });
    expect(flags).toEqual([]);
    expect(reviewFlags({ merchantName: '第一咖啡' })[0]).toMatchObject({ field: 'merchantName' });
  });

  it('flags any mobile number put anywhere in a text', () => {
    const plain = fc.string({ unit: fc.constantFrom(...'咖啡券兑换到店使用每人限张'), maxLength: 20 });
    const mobile = fc
      .tuple(fc.integer({ min: 3, max: 9 }), fc.integer({ min: 0, max: 999_999_999 }))
      .map(([d, n]) => `1${d}${String(n).padStart(9, '0')}`);
    fc.assert(
      fc.property(plain, mobile, plain, (a, phone, b) => {
        expect(reviewFlags({ conditions: a + phone + b })).toContainEqual({
          kind: 'phone',
          field: 'conditions',
          match: phone,
        });
        expect(reviewFlags({ conditions: a + b })).toEqual([]);
      }),
    );
  });
});

describe('useWeek', () => {
  it('converts both ways, Monday first', () => {
    expect(weekToFlags([1, 2, 3, 4, 5])).toBe('1111100');
    expect(weekToFlags([7])).toBe('0000001');
    expect(flagsToWeek('1000001')).toEqual([1, 7]);
  });

  it('refuses empty, repeated or out-of-range days', () => {
    expect(weekToFlags([])).toBeNull();
    expect(weekToFlags([1, 1])).toBeNull();
    expect(weekToFlags([0])).toBeNull();
    expect(weekToFlags([8])).toBeNull();
    expect(weekToFlags([1.5])).toBeNull();
  });

  it('round-trips every non-empty set', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }), (days) => {
        const flags = weekToFlags(days);
        expect(flags).toHaveLength(7);
        expect(flagsToWeek(flags!)).toEqual([...days].sort((a, b) => a - b));
      }),
    );
  });
});
