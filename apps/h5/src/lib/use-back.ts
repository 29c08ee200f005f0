import { useCallback } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';

/**
 * Back within the app when the member came from one of its pages; otherwise (a page opened from a
 * link or from the pay page) to the given parent page, never out to another site.
 */
export function useBack(fallback: string) {
  const navigate = useNavigate();
  const { key } = useLocation();
  return useCallback(() => {
    if (key !== 'default') navigate(-1);
    else navigate(fallback, { replace: true });
  }, [key, fallback, navigate]);
}
