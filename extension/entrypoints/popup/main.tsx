import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Popup } from './Popup';
import '../options/options.css';
import '../../dashboard/dashboard.css';
import './popup.css';

const root = document.getElementById('root');
if (!root) throw new Error('popup: #root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <Popup />
  </StrictMode>,
);
