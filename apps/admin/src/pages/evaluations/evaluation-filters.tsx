import { Form, type FormInstance, Select } from 'antd';
import { FilterActions } from '../../components/filter-actions.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useStoreOptions } from '../stores/stores.api.ts';
import { type EvaluationFilters, SCORES, useTemplateOptions } from './evaluations.api.ts';

export function EvaluationFilterBar({
  form,
  onChange,
}: {
  form: FormInstance<EvaluationFilters>;
  onChange: (filters: EvaluationFilters) => void;
}) {
  const t = useT();
  const templates = useTemplateOptions();
  const stores = useStoreOptions();
  return (
    <Form<EvaluationFilters>
      form={form}
      name="evaluationFilters"
      layout="inline"
      onFinish={({ templateId, storeId, score }) => onChange({ templateId, storeId, score })}
      style={{ rowGap: 12 }}
    >
      <Form.Item name="templateId" label={t('evaluations.template')}>
        <Select<number>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('evaluations.allTemplates')}
          style={{ width: 220 }}
          loading={templates.isPending}
          options={templates.data?.map((tpl) => ({ value: tpl.id, label: tpl.title }))}
        />
      </Form.Item>
      <Form.Item name="storeId" label={t('evaluations.store')}>
        <Select<number>
          allowClear
          placeholder={t('evaluations.allStores')}
          style={{ width: 180 }}
          loading={stores.isPending}
          options={stores.data?.map((s) => ({ value: s.id, label: s.name }))}
        />
      </Form.Item>
      <Form.Item name="score" label={t('evaluations.score')}>
        <Select<number>
          allowClear
          placeholder={t('evaluations.allScores')}
          style={{ width: 120 }}
          options={SCORES.map((n) => ({ value: n, label: t('evaluations.scoreOption', { n }) }))}
        />
      </Form.Item>
      <FilterActions
        onReset={() => {
          form.resetFields();
          onChange({});
        }}
      />
    </Form>
  );
}
