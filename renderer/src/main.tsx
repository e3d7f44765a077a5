import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getApi } from './api';
import { App } from './app/App';
import './styles/app.css';

// Asked before React mounts: the answer decides the first real screen, and the round trip to the
// backend overlaps React's first render instead of following it.
const initialStatus = getApi().vault.status();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App initialStatus={initialStatus} />
  </StrictMode>,
);
