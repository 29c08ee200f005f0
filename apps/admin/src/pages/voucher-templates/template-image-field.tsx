import { DeleteOutlined, LoadingOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Image, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useLang, useT } from '../../i18n/i18n.tsx';
import { type ImagePurpose, uploadTemplateImage } from './voucher-templates.api.ts';

const THUMB: Record<ImagePurpose, { width: number; height: number }> = {
  'voucher-image': { width: 172, height: 44 },
  'voucher-logo': { width: 66, height: 66 },
};

/**
 * A form control for a template's image or logo: uploads the chosen file, keeps the path the
 * server answers as the field's value, and shows it as a thumbnail with replace and remove.
 * A web address saved before uploads existed is shown the same way.
 */
export function TemplateImageField({
  id,
  value,
  onChange,
  purpose,
}: {
  id?: string;
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  purpose: ImagePurpose;
}) {
  const t = useT();
  const [lang] = useLang();
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string>();
  const thumb = THUMB[purpose];

  return (
    <Flex vertical gap={8}>
      <Flex align="center" gap={12} wrap>
        {value && (
          <Image
            src={value}
            alt={t(purpose === 'voucher-logo' ? 'templates.logo' : 'templates.image')}
            width={thumb.width}
            height={thumb.height}
            style={{ objectFit: 'cover', borderRadius: purpose === 'voucher-logo' ? '50%' : 6 }}
          />
        )}
        <Upload
          id={id}
          accept=".jpg,.jpeg,.png"
          showUploadList={false}
          maxCount={1}
          disabled={uploading}
          customRequest={({ file, onSuccess, onError }) => {
            setUploading(true);
            setError(undefined);
            uploadTemplateImage(file as Blob, purpose, lang)
              .then((uploaded) => {
                onChange?.(uploaded.url);
                onSuccess?.(uploaded);
              })
              .catch((err: Error) => {
                setError(err.message);
                onError?.(err);
              })
              .finally(() => setUploading(false));
          }}
        >
          <Button icon={uploading ? <LoadingOutlined /> : <UploadOutlined />} disabled={uploading}>
            {uploading
              ? t('templates.uploading')
              : value
                ? t('templates.replaceImage')
                : t('templates.upload')}
          </Button>
        </Upload>
        {value && (
          <Button
            icon={<DeleteOutlined />}
            onClick={() => {
              setError(undefined);
              onChange?.(undefined);
            }}
          >
            {t('templates.removeImage')}
          </Button>
        )}
      </Flex>
      {value && !value.startsWith('/media/') && (
        <Typography.Text type="secondary" ellipsis style={{ maxWidth: 420, fontSize: 12 }}>
          {t('templates.externalImage', { url: value })}
        </Typography.Text>
      )}
      {error && (
        <Typography.Text type="danger" role="alert">
          {t('templates.uploadFailed', { message: error })}
        </Typography.Text>
      )}
    </Flex>
  );
}
