import { DownloadOutlined } from '@ant-design/icons';
import type { Campaign } from '@kaquan/contracts';
import { Button, Flex, Modal, Space, Typography } from 'antd';
import { CopyButton } from '../../components/copy-button.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { campaignQrUrl } from './campaigns.api.ts';

/** S3.3: the claim page QR (PNG at print size, or SVG) and its link; edits never change them. */
export function CampaignQrModal({ campaign, onClose }: { campaign: Campaign; onClose: () => void }) {
  const t = useT();
  const file = (format: 'png' | 'svg') => `campaign-${campaign.id}-qr.${format}`;
  return (
    <Modal
      open
      title={t('campaigns.qrTitle', { name: campaign.name })}
      footer={null}
      onCancel={onClose}
      destroyOnHidden
    >
      <Flex vertical align="center" gap={16}>
        <img
          src={campaignQrUrl(campaign.id, 'png', 480)}
          width={240}
          height={240}
          alt={t('campaigns.qrAlt', { name: campaign.name })}
        />
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', margin: 0 }}>
          {t('campaigns.qrHelp')}
        </Typography.Paragraph>
        <Typography.Text code style={{ wordBreak: 'break-all' }} data-testid="campaign-link">
          {campaign.link}
        </Typography.Text>
        <Space wrap>
          <CopyButton text={campaign.link} label={t('campaigns.copyLink')} />
          <Button
            type="primary"
            icon={<DownloadOutlined />}
            href={campaignQrUrl(campaign.id, 'png', 2048)}
            download={file('png')}
          >
            {t('campaigns.downloadPng')}
          </Button>
          <Button icon={<DownloadOutlined />} href={campaignQrUrl(campaign.id, 'svg')} download={file('svg')}>
            {t('campaigns.downloadSvg')}
          </Button>
        </Space>
      </Flex>
    </Modal>
  );
}
