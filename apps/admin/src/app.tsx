import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { type ReactNode, useEffect, useState } from 'react';
import { BrowserRouter } from 'react-router-dom';
import { ApiError, setUnauthorizedHandler } from './api/client.ts';
import { ME_KEY } from './auth/auth.ts';
import { I18nProvider, useLang } from './i18n/i18n.tsx';
import { AppRoutes } from './routes.tsx';

const theme = { token: { colorPrimary: '#d4380d', colorLink: '#d4380d', borderRadius: 6 } };

function Localized({ children }: { children: ReactNode }) {
  const [lang] = useLang();
  useEffect(() => {
    dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
    document.documentElement.lang = lang;
  }, [lang]);
  return (
    <ConfigProvider locale={lang === 'zh-CN' ? zhCN : enUS} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/** Query client whose failures show as a toast (unless a query or mutation asks to stay silent). */
function QueryLayer({ children }: { children: ReactNode }) {
  const { message } = AntApp.useApp();
  const [client] = useState(() => {
    const report = (err: Error, meta: Record<string, unknown> | undefined) => {
      if (meta?.silent) return;
      if (err instanceof ApiError && err.status === 401) return;
      void message.error(err.message);
    };
    const queryClient: QueryClient = new QueryClient({
      queryCache: new QueryCache({ onError: (err, query) => report(err, query.meta) }),
      mutationCache: new MutationCache({ onError: (err, _v, _c, mutation) => report(err, mutation.meta) }),
      defaultOptions: {
        queries: {
          retry: (count, err) =>
            !(err instanceof ApiError && err.status > 0 && err.status < 500) && count < 2,
          refetchOnWindowFocus: false,
        },
      },
    });
    setUnauthorizedHandler(() => queryClient.setQueryData(ME_KEY, null));
    return queryClient;
  });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

export function AppRoot() {
  return (
    <I18nProvider>
      <Localized>
        <QueryLayer>
          <BrowserRouter basename="/admin">
            <AppRoutes />
          </BrowserRouter>
        </QueryLayer>
      </Localized>
    </I18nProvider>
  );
}
