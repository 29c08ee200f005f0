// Order numbers: the paid second and six random digits, never drawn twice by one process.
import { expect, it } from 'vitest';
import { drawOrderNos } from './order-placement.ts';

it('never draws a number twice within one second, across draws (as batches one after another do)', () => {
  const at = Date.UTC(2026, 11, 2, 9, 30, 15, 250);
  const first = drawOrderNos(Array.from({ length: 100_000 }, () => at));
  const second = drawOrderNos(Array.from({ length: 100_000 }, () => at + 500));
  // Without the memory, ~10,000 of the second draw's numbers would repeat the first's.
  expect(new Set([...first, ...second]).size).toBe(200_000);
  for (const n of [first[0]!, second[99_999]!]) expect(n).toMatch(/^20261202093015\d{6}$/);
});

it('draws each number from its own second', () => {
  const at = Date.UTC(2026, 11, 2, 9, 30, 59, 999);
  const [a, b] = drawOrderNos([at, at + 1]);
  expect(a!.slice(0, 14)).toBe('20261202093059');
  expect(b!.slice(0, 14)).toBe('20261202093100');
});
