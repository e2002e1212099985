import { defineConfig } from 'vite';

// Storybook's manager and preview bundles are large by nature; the warning says nothing about ours.
export default defineConfig({ build: { chunkSizeWarningLimit: 4096 } });
