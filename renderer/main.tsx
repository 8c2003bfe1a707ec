import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './styles/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { NoticeProvider } from './app/notice-context';
import { JobsProvider } from './features/jobs/job-context';
import { RuleCatalogProvider } from './features/rules/rule-catalog-context';
import { I18nProvider } from './i18n/i18n-context';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <NoticeProvider>
        <JobsProvider>
          <RuleCatalogProvider>
            <App />
          </RuleCatalogProvider>
        </JobsProvider>
      </NoticeProvider>
    </I18nProvider>
  </StrictMode>,
);
