import { Flex, Typography } from 'antd';

/**
 * What the buyer received, as the fulfiller described it (codes, card keys, voucher ids): text as
 * copyable code, lists one per line, objects as "key: value".
 */
export function FulfilmentResult({ value }: { value: unknown }) {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return (
      <Typography.Text code copyable>
        {String(value)}
      </Typography.Text>
    );
  }
  if (Array.isArray(value)) {
    return (
      <Flex vertical gap={4}>
        {value.map((item, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the result is a fixed snapshot
          <FulfilmentResult key={i} value={item} />
        ))}
      </Flex>
    );
  }
  return (
    <Flex vertical gap={4}>
      {Object.entries(value as Record<string, unknown>).map(([key, v]) => (
        <Flex key={key} gap={8} align="baseline" wrap>
          <Typography.Text type="secondary">{key}:</Typography.Text>
          <FulfilmentResult value={v} />
        </Flex>
      ))}
    </Flex>
  );
}
