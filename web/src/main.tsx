import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { adoptTokenFromAddress } from './api.ts';
import { App } from './app.tsx';
import './styles.css';

adoptTokenFromAddress();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
