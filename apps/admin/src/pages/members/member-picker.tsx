import type { Member } from '@kaquan/contracts';
import { Select } from 'antd';
import { type CSSProperties, useEffect, useState } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import { useMember } from './member-commerce.api.ts';
import { useMembers } from './members.api.ts';

const label = (m: Member) => (m.name ? `${m.name} · ${m.phone}` : m.phone);

/** Picks a member by typing a name or phone; the value is the member id. */
export function MemberPicker({
  id,
  value,
  onChange,
  exclude,
  placeholder,
  style,
}: {
  id?: string;
  value?: number | null;
  onChange?: (value: number | null) => void;
  exclude?: number;
  placeholder?: string;
  style?: CSSProperties;
}) {
  const t = useT();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const found = useMembers(q, { page: 1, pageSize: 20 });
  const current = useMember(value);
  const options = (found.data?.items ?? [])
    .filter((m) => m.id !== exclude)
    .map((m) => ({ value: m.id, label: label(m) }));
  if (value && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: current.data ? label(current.data) : `#${value}` });
  }
  return (
    <Select<number>
      id={id}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      allowClear
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      placeholder={placeholder ?? t('members.pickerPlaceholder')}
      loading={found.isFetching}
      options={options}
      notFoundContent={t('members.pickerNone')}
      style={style}
    />
  );
}
