import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import '../options/options.css';
import '../../dashboard/dashboard.css';

const root = document.getElementById('root');
if (!root) throw new Error('dashboard: #root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
