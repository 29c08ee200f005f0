// Where one-time codes go. `console` (development and demos) writes the code to the server log
// and appends it as a JSON line to <dataDir>/sms-console.log; a real provider implements send().
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';

export interface SmsProvider {
  readonly name: string;
  send(msg: { merchantId: number; phone: string; code: string; expiresInSeconds: number }): Promise<void>;
}

export function consoleSmsProvider(dataDir: string, log: FastifyBaseLogger): SmsProvider {
  const file = join(dataDir, 'sms-console.log');
  return {
    name: 'console',
    async send(msg) {
      log.warn({ sms: { phone: msg.phone, code: msg.code } }, `SMS to ${msg.phone}: code ${msg.code}`);
      mkdirSync(dataDir, { recursive: true });
      appendFileSync(file, `${JSON.stringify({ ...msg, at: new Date().toISOString() })}\n`, { mode: 0o600 });
    },
  };
}
