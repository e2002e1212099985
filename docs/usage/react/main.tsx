// Mounts the example as an app would; the usage test bundles this file.
import { createRoot } from 'react-dom/client';
import { ReferralForm } from './ReferralForm';

createRoot(document.getElementById('root')!).render(
  <ReferralForm manifestUrl="https://snapshots.example.org/sor/manifest.json" />,
);
