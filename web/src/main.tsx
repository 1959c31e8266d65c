import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { reloadOnceWhenAPageChunkIsGone } from './app/staleRelease';

reloadOnceWhenAPageChunkIsGone();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
