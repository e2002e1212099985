import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  // Usage pages for vendors (plain HTML, React, Angular) live next to their tested examples.
  stories: ['../stories/**/*.stories.ts', '../docs/usage/*.mdx'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  framework: {
    name: '@storybook/web-components-vite',
    // The repo's vite.config.ts serves the demo and builds the library; stories need neither.
    options: { builder: { viteConfigPath: '.storybook/vite.config.ts' } },
  },
  // The telemetry host is unreachable here and every build would wait for it.
  core: { disableTelemetry: true },
};

export default config;
