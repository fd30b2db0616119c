/**
 * The UI's screens by route. Each screen lives in its own folder or file; this table is the only
 * place that lists them.
 */
import type { ComponentType } from 'react';
import type { TextKey } from '../i18n/index.ts';
import { MainWindowScreen } from './main-window.tsx';
import { ProfileDialogScreen } from './profile-dialog.tsx';
import { OptionsScreen } from './options.tsx';
import { ProfilesScreen } from './profiles.tsx';
import { FirstRunScreen } from './first-run.tsx';
import { OrdersScreen } from './orders.tsx';
import { MappingScreen } from '../mapping/mapping-screen.tsx';

export interface Screen {
  path: string;
  title: TextKey;
  component: ComponentType;
}

export const SCREENS: Screen[] = [
  { path: '/', title: 'mainWindow.title', component: MainWindowScreen },
  { path: '/profile', title: 'profileDialog.title', component: ProfileDialogScreen },
  { path: '/options', title: 'options.title', component: OptionsScreen },
  { path: '/profiles', title: 'profiles.title', component: ProfilesScreen },
  { path: '/welcome', title: 'profiles.title', component: FirstRunScreen },
  { path: '/orders', title: 'orders.title', component: OrdersScreen },
  { path: '/mapping', title: 'mapping.title', component: MappingScreen },
];
