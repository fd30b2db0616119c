/** Route /options: the options window (web/src/options). */
export { OptionsWindow as OptionsScreen } from '../options/options-window.tsx';
