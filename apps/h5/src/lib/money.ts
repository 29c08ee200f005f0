/** Integer cents (fen) as yuan: 8800 → ¥88.00, -880 → -¥8.80. */
export function formatMoney(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  return `${sign}¥${(Math.abs(cents) / 100).toFixed(2)}`;
}
