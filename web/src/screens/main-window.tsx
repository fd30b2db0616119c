/** Route `/`: the main window (web/src/main-window/). */
export { MainWindow as MainWindowScreen } from '../main-window/main-window.tsx';
