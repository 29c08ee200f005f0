// A payment provider: creates a payment the buyer completes elsewhere, verifies the provider's
// callback, answers queries and refunds. `sandbox` is built in so every purchase runs offline.

export interface PaymentNotice {
  /** Our payment token, given to the provider at create. */
  outTradeNo: string;
  /** The provider's own transaction number. */
  tradeNo: string;
  amountCents: number;
  status: 'SUCCESS' | 'CLOSED';
  paidAt: number;
}

export interface PaymentProvider {
  readonly name: string;
  create(req: { token: string; amountCents: number; subject: string }): Promise<{ payUrl: string }>;
  /** The notice when the callback is genuine; null when its signature or shape is wrong. */
  verifyCallback(body: unknown): PaymentNotice | null;
  query(token: string): Promise<'pending' | 'succeeded' | 'closed' | 'refunded' | 'unknown'>;
  refund(req: { token: string; amountCents: number; reason: string }): Promise<void>;
}
