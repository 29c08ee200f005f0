/** A shopping cart, drawn like antd-mobile-icons (which has none): 1em, currentColor. */
export function CartIcon({ fontSize }: { fontSize?: number }) {
  return (
    <svg
      width="1em"
      height="1em"
      viewBox="0 0 48 48"
      fill="none"
      stroke="currentColor"
      strokeWidth={3.5}
      strokeLinecap="round"
      strokeLinejoin="round"
      style={{ fontSize, verticalAlign: '-0.125em' }}
      aria-hidden
    >
      <path d="M4 7h6l5 25h24l5-17H13" />
      <circle cx="18" cy="40" r="3" />
      <circle cx="36" cy="40" r="3" />
    </svg>
  );
}
