// Voucher, wallet and verification shapes.
export {};
