import { Spin } from 'antd';
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { homePath, ROLE_PAGES, useMe } from './auth/auth.ts';
import { SessionProvider, useSession } from './auth/session.tsx';
import { Forbidden, LoadFailed, NotFound } from './components/result-pages.tsx';
import { ConsoleLayout } from './layout/console-layout.tsx';
import LoginPage from './pages/login/login.page.tsx';

const pages: Record<string, LazyExoticComponent<ComponentType>> = {
  overview: lazy(() => import('./pages/overview/overview.page.tsx')),
  merchant: lazy(() => import('./pages/merchant/merchant-settings.page.tsx')),
  stores: lazy(() => import('./pages/stores/stores.page.tsx')),
  staff: lazy(() => import('./pages/staff/staff.page.tsx')),
  members: lazy(() => import('./pages/members/members.page.tsx')),
  products: lazy(() => import('./pages/products/products.page.tsx')),
  'product-categories': lazy(() => import('./pages/product-categories/product-categories.page.tsx')),
  orders: lazy(() => import('./pages/orders/orders.page.tsx')),
  commissions: lazy(() => import('./pages/commissions/commissions.page.tsx')),
  'commerce-settings': lazy(() => import('./pages/commerce-settings/commerce-settings.page.tsx')),
  'api-keys': lazy(() => import('./pages/api-keys/api-keys.page.tsx')),
  audit: lazy(() => import('./pages/audit/audit.page.tsx')),
  merchants: lazy(() => import('./pages/merchants/merchants.page.tsx')),
  vouchers: lazy(() => import('./pages/vouchers/vouchers.page.tsx')),
  'voucher-templates': lazy(() => import('./pages/voucher-templates/voucher-templates.page.tsx')),
  'voucher-review': lazy(() => import('./pages/voucher-review/voucher-review.page.tsx')),
  'verify-desk': lazy(() => import('./pages/verify-desk/verify-desk.page.tsx')),
  verifications: lazy(() => import('./pages/verifications/verifications.page.tsx')),
  evaluations: lazy(() => import('./pages/evaluations/evaluations.page.tsx')),
  campaigns: lazy(() => import('./pages/campaigns/campaigns.page.tsx')),
  codes: lazy(() => import('./pages/codes/codes.page.tsx')),
  'card-keys': lazy(() => import('./pages/card-keys/card-keys.page.tsx')),
};

const fullPageSpin = (
  <div style={{ display: 'grid', placeItems: 'center', minHeight: '60vh' }}>
    <Spin size="large" />
  </div>
);

/** Sends visitors without a session to the login page, remembering where they wanted to go. */
function RequireSession({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return fullPageSpin;
  if (me.isError) return <LoadFailed onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <SessionProvider me={me.data}>{children}</SessionProvider>;
}

function RolePage({ name }: { name: string }) {
  const role = useSession().user.role;
  const Page = pages[name];
  if (!ROLE_PAGES[role].includes(name)) return <Forbidden />;
  return (
    <Suspense fallback={fullPageSpin}>
      <Page />
    </Suspense>
  );
}

function Home() {
  return <Navigate to={homePath(useSession().user.role)} replace />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireSession>
            <ConsoleLayout />
          </RequireSession>
        }
      >
        <Route index element={<Home />} />
        {Object.keys(pages).map((name) => (
          <Route key={name} path={name} element={<RolePage name={name} />} />
        ))}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
