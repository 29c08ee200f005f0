import { createBrowserRouter, Navigate } from 'react-router-dom';
import { MerchantLayout } from './components/MerchantLayout.tsx';
import { RequireMember } from './components/RequireMember.tsx';
import { TabLayout } from './components/TabLayout.tsx';
import { ENTRIES, type EntryName } from './lib/entries.ts';
import { ClaimPage } from './pages/campaigns/claim.page.tsx';
import { ClaimCenterPage } from './pages/campaigns/claim-center.page.tsx';
import { GiftAcceptPage } from './pages/gifts/gift-accept.page.tsx';
import { HomePage } from './pages/home/HomePage.tsx';
import { LoginPage } from './pages/login/LoginPage.tsx';
import { MePage } from './pages/me/MePage.tsx';
import { ComingSoonPage } from './pages/misc/ComingSoonPage.tsx';
import { NoSlugPage } from './pages/misc/NoSlugPage.tsx';
import { OrderDetailPage } from './pages/orders/order-detail.page.tsx';
import { OrdersPage } from './pages/orders/orders.page.tsx';
import { GiftCardsPage } from './pages/redeem/gift-cards.page.tsx';
import { MyCodesPage } from './pages/redeem/my-codes.page.tsx';
import { RedeemPage } from './pages/redeem/redeem.page.tsx';
import { CartPage } from './pages/shop/cart.page.tsx';
import { CheckoutPage } from './pages/shop/checkout.page.tsx';
import { CheckoutStatusPage } from './pages/shop/checkout-status.page.tsx';
import { ProductDetailPage } from './pages/shop/product-detail.page.tsx';
import { ShopPage } from './pages/shop/shop.page.tsx';
import { StaffPage } from './pages/staff/staff.page.tsx';
import { VerifyPage } from './pages/verify/VerifyPage.tsx';
import { VoucherDetailPage } from './pages/wallet/voucher-detail.page.tsx';
import { WalletPage } from './pages/wallet/wallet.page.tsx';

const comingSoon = (Object.keys(ENTRIES) as EntryName[])
  .filter((name) => !ENTRIES[name].live)
  .map((name) => ({
    path: ENTRIES[name].path,
    element: <ComingSoonPage entry={name} />,
  }));

export const router = createBrowserRouter(
  [
    { path: '/', element: <NoSlugPage /> },
    // The verification desk belongs to staff, not to a merchant's member pages.
    { path: '/staff', element: <StaffPage /> },
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
                { path: 'shop', element: <ShopPage /> },
                { path: 'orders', element: <OrdersPage /> },
                { path: 'me', element: <MePage /> },
              ],
            },
            { path: 'products/:id', element: <ProductDetailPage /> },
            { path: 'cart', element: <CartPage /> },
            { path: 'checkout', element: <CheckoutPage /> },
            { path: 'checkouts/:id', element: <CheckoutStatusPage /> },
            { path: 'orders/:id', element: <OrderDetailPage /> },
            { path: 'wallet', element: <WalletPage /> },
            { path: 'wallet/:id', element: <VoucherDetailPage /> },
            { path: 'gifts/:id', element: <GiftAcceptPage /> },
            { path: 'redeem', element: <RedeemPage /> },
            { path: 'gift-cards', element: <GiftCardsPage /> },
            { path: 'my-codes', element: <MyCodesPage /> },
            { path: 'claim', element: <ClaimCenterPage /> },
            { path: 'c/:token', element: <ClaimPage /> },
            ...comingSoon,
          ],
        },
        { path: '*', element: <Navigate to="." replace /> },
      ],
    },
  ],
  { basename: '/h5' },
);
