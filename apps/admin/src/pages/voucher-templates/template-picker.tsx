import { Select } from 'antd';
import { useT } from '../../i18n/i18n.tsx';
import { useActiveTemplates } from './voucher-templates.api.ts';

/** Picks one of the merchant's approved templates; the value is the template id. */
export function TemplatePicker({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: number | null;
  onChange?: (value: number | null) => void;
}) {
  const t = useT();
  const templates = useActiveTemplates();
  return (
    <Select<number>
      id={id}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      placeholder={t('templates.pickerPlaceholder')}
      loading={templates.isPending}
      options={templates.data?.map((tpl) => ({
        value: tpl.id,
        label: `${tpl.title} · ${t(`vouchers.kind.${tpl.kind}`)} · #${tpl.id}`,
      }))}
      notFoundContent={t('templates.pickerNone')}
    />
  );
}
