/**
 * A service without any profile leads to the first run (/welcome) from the screens that would
 * otherwise be empty: the main window and the profiles list. app.tsx calls it once with the route.
 */
import { useEffect } from 'react';
import { useProfiles } from '../profile-context.tsx';
import { navigate } from '../router.ts';

const EMPTY_WITHOUT_PROFILE = ['/', '/profiles'];

export function useFirstRunRedirect(route: string): void {
  const { profiles } = useProfiles();
  const empty = profiles !== null && profiles.length === 0 && EMPTY_WITHOUT_PROFILE.includes(route);
  useEffect(() => {
    if (empty) navigate('/welcome');
  }, [empty]);
}
