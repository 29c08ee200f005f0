import type { StaffRole, StaffUser } from '@kaquan/contracts';
import { App, Form, Input, Modal, Radio, Select } from 'antd';
import { useT } from '../../i18n/i18n.tsx';
import { useStoreOptions } from '../stores/stores.api.ts';
import { loginRules, type StaffInput, useSaveStaff } from './staff.api.ts';

interface FormValues {
  login?: string;
  name: string;
  password?: string;
  role: StaffRole;
  scope: 'all' | 'chosen';
  storeIds?: number[];
}

interface Props {
  staff?: StaffUser;
  roles: StaffRole[];
  onClose: () => void;
}

/** Create a staff account (staff undefined) or edit one; a verifier is scoped to all or chosen stores. */
export function StaffFormModal({ staff, roles, onClose }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const scope = Form.useWatch('scope', form);
  const stores = useStoreOptions();
  const save = useSaveStaff();

  const initialValues: Partial<FormValues> = staff
    ? {
        login: staff.login,
        name: staff.name,
        role: staff.role,
        scope: staff.allStores ? 'all' : 'chosen',
        storeIds: staff.storeIds,
      }
    : { role: roles.includes('verifier') ? 'verifier' : roles[0], scope: 'all', storeIds: [] };

  const onFinish = ({ scope: chosenScope, storeIds, password, login, ...rest }: FormValues) => {
    const input: StaffInput = {
      ...rest,
      allStores: chosenScope === 'all',
      storeIds: chosenScope === 'all' ? [] : (storeIds ?? []),
      ...(staff ? {} : { login }),
      ...(password ? { password } : {}),
    };
    save.mutate(
      { id: staff?.id, input },
      {
        onSuccess: () => {
          void message.success(staff ? t('common.saved') : t('staff.created', { name: input.name }));
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      open
      title={staff ? t('staff.edit') : t('staff.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form<FormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish}>
        <Form.Item
          name="login"
          label={t('staff.login')}
          extra={staff ? undefined : t('staff.loginHelp')}
          rules={staff ? [] : loginRules(t)}
        >
          <Input disabled={!!staff} maxLength={120} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('staff.name')}
          rules={[{ required: true, whitespace: true, message: t('staff.nameRequired') }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="password"
          label={staff ? t('staff.newPassword') : t('staff.password')}
          extra={staff ? t('staff.newPasswordHelp') : t('staff.passwordHelp')}
          rules={[
            { required: !staff, message: t('staff.passwordRequired') },
            { min: 8, message: t('staff.passwordMin') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="role" label={t('staff.role')} rules={[{ required: true }]}>
          <Radio.Group options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        <Form.Item name="scope" label={t('staff.scope')} extra={t('staff.scopeHelp')}>
          <Radio.Group
            options={[
              { value: 'all', label: t('staff.scope.all') },
              { value: 'chosen', label: t('staff.scope.chosen') },
            ]}
          />
        </Form.Item>
        {scope === 'chosen' && (
          <Form.Item
            name="storeIds"
            label={t('staff.stores')}
            rules={[{ required: true, type: 'array', min: 1, message: t('staff.storesRequired') }]}
          >
            <Select
              mode="multiple"
              loading={stores.isPending}
              placeholder={t('staff.storesPlaceholder')}
              optionFilterProp="label"
              options={stores.data?.map((s) => ({ value: s.id, label: s.name }))}
              notFoundContent={stores.data?.length === 0 ? t('staff.noStores') : undefined}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
