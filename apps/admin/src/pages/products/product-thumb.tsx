import { PictureOutlined } from '@ant-design/icons';
import { Flex } from 'antd';
import { useState } from 'react';

/** A square product picture, or a placeholder when there is none or it does not load. */
export function ProductThumb({ src, size }: { src?: string; size: number }) {
  const [failed, setFailed] = useState<string | null>(null);
  const box = { width: size, height: size, borderRadius: 6, flex: 'none' } as const;
  if (src && failed !== src) {
    return <img src={src} alt="" style={{ ...box, objectFit: 'cover' }} onError={() => setFailed(src)} />;
  }
  return (
    <Flex
      align="center"
      justify="center"
      style={{ ...box, background: 'rgba(0,0,0,0.04)', color: 'rgba(0,0,0,0.25)', fontSize: size / 2.5 }}
    >
      <PictureOutlined />
    </Flex>
  );
}
