/**
 * A service without any profile leads to the first run (/welcome), from any screen but the
 * options (where the data folder may be the thing to change). app.tsx calls it once with the route.
 */
import { useEffect } from 'react';
import { useProfiles } from '../profile-context.tsx';
import { navigate } from '../router.ts';

const STAY = ['/welcome', '/options'];

export function useFirstRunRedirect(route: string): void {
  const { profiles } = useProfiles();
  useEffect(() => {
    if (profiles?.length === 0 && !STAY.includes(route)) navigate('/welcome');
  }, [profiles, route]);
}
