// Voucher template shapes.
export {};
