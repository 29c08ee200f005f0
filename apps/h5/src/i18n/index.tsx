import { ConfigProvider } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCNLocale from 'antd-mobile/es/locales/zh-CN';
import { type ReactNode, useCallback, useEffect, useSyncExternalStore } from 'react';
import { en } from './en.ts';
import { getLang, type Lang, subscribeLang } from './lang-store.ts';
import { type MessageKey, zhCN } from './zh-CN.ts';

export { LANGS, type Lang, setLang } from './lang-store.ts';
export type { MessageKey } from './zh-CN.ts';

const dictionaries: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>) {
  const text = dictionaries[lang][key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function useLang(): Lang {
  return useSyncExternalStore(subscribeLang, getLang);
}

export function useT(): Translate {
  const lang = useLang();
  return useCallback<Translate>((key, vars) => translate(lang, key, vars), [lang]);
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const lang = useLang();
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  return <ConfigProvider locale={lang === 'en' ? enUS : zhCNLocale}>{children}</ConfigProvider>;
}
