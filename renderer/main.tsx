/** The renderer's entry: start the bridge subscriptions, then render the window. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { getBridge } from './bridge';
import { startSubscriptions } from './subscriptions';
import './styles/theme.css';
import './styles/app.css';

startSubscriptions(getBridge());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
