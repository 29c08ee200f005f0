import { createBrowserRouter, Navigate } from 'react-router-dom';
import { MerchantLayout } from './components/MerchantLayout.tsx';
import { RequireMember } from './components/RequireMember.tsx';
import { TabLayout } from './components/TabLayout.tsx';
import { ENTRIES, type EntryName } from './lib/entries.ts';
import { HomePage } from './pages/home/HomePage.tsx';
import { LoginPage } from './pages/login/LoginPage.tsx';
import { MePage } from './pages/me/MePage.tsx';
import { ComingSoonPage } from './pages/misc/ComingSoonPage.tsx';
import { NoSlugPage } from './pages/misc/NoSlugPage.tsx';
import { VerifyPage } from './pages/verify/VerifyPage.tsx';

const comingSoon = (Object.keys(ENTRIES) as EntryName[]).map((name) => ({
  path: ENTRIES[name].path,
  element: <ComingSoonPage entry={name} />,
}));

export const router = createBrowserRouter(
  [
    { path: '/', element: <NoSlugPage /> },
    {
      path: '/:slug',
      element: <MerchantLayout />,
      children: [
        { path: 'login', element: <LoginPage /> },
        { path: 'verify', element: <VerifyPage /> },
        {
          element: <RequireMember />,
          children: [
            {
              element: <TabLayout />,
              children: [
                { index: true, element: <HomePage /> },
                { path: 'me', element: <MePage /> },
              ],
            },
            ...comingSoon,
          ],
        },
        { path: '*', element: <Navigate to="." replace /> },
      ],
    },
  ],
  { basename: '/h5' },
);
