import type { MemberMe } from '@kaquan/contracts';
import { useOutletContext } from 'react-router-dom';

/** The signed-in member; only valid below RequireMember. */
export function useSignedInMember(): MemberMe {
  return useOutletContext<MemberMe>();
}
