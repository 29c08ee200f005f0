import { DownloadOutlined } from '@ant-design/icons';
import type { Store } from '@kaquan/contracts';
import { Button, Dropdown, Flex, Modal, Space, Typography } from 'antd';
import { CopyButton } from '../../components/copy-button.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { storeQrUrl } from './stores.api.ts';

const fileName = (store: Store, format: 'png' | 'svg') => `store-${store.id}-qr.${format}`;

/** "下载二维码" with the PNG and SVG files (the server sends them to staff with the session cookie). */
export function StoreQrDownload({ store }: { store: Store }) {
  const t = useT();
  const items = (['png', 'svg'] as const).map((format) => ({
    key: format,
    label: (
      <a href={storeQrUrl(store.id, format)} download={fileName(store, format)}>
        {t(format === 'png' ? 'stores.downloadPng' : 'stores.downloadSvg')}
      </a>
    ),
  }));
  return (
    <Dropdown menu={{ items }}>
      <Button type="link" size="small" icon={<DownloadOutlined />}>
        {t('stores.downloadQr')}
      </Button>
    </Dropdown>
  );
}

/** The store's verification QR, to print and place at the counter. */
export function StoreQrModal({ store, onClose }: { store: Store | null; onClose: () => void }) {
  const t = useT();
  return (
    <Modal
      open={!!store}
      title={t('stores.qrTitle', { name: store?.name ?? '' })}
      footer={null}
      onCancel={onClose}
      destroyOnHidden
    >
      {store && (
        <Flex vertical align="center" gap={16}>
          <img
            src={storeQrUrl(store.id, 'png')}
            width={240}
            height={240}
            alt={t('stores.qrAlt', { name: store.name })}
            style={{ imageRendering: 'pixelated' }}
          />
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center', margin: 0 }}>
            {t('stores.qrHelp')}
          </Typography.Paragraph>
          <Typography.Text code style={{ wordBreak: 'break-all' }}>
            {store.verifyUrl}
          </Typography.Text>
          <Space wrap>
            <CopyButton text={store.verifyUrl} label={t('stores.copyUrl')} />
            <Button
              type="primary"
              icon={<DownloadOutlined />}
              href={storeQrUrl(store.id, 'png')}
              download={fileName(store, 'png')}
            >
              {t('stores.downloadPng')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              href={storeQrUrl(store.id, 'svg')}
              download={fileName(store, 'svg')}
            >
              {t('stores.downloadSvg')}
            </Button>
          </Space>
        </Flex>
      )}
    </Modal>
  );
}
