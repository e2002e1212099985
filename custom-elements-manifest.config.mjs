// cem guesses event names from `dispatchEvent(new SomeEvent(arg))` and takes the argument's name
// for the event's; our events are typed classes documented with @fires, so keep only those.
const documentedEventsOnly = {
  name: 'documented-events-only',
  packageLinkPhase({ customElementsManifest }) {
    for (const module of customElementsManifest.modules) {
      for (const declaration of module.declarations ?? []) {
        if (declaration.events) declaration.events = declaration.events.filter((event) => event.description);
      }
    }
  },
};

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/cli/**'],
  outdir: '.',
  litelement: true,
  plugins: [documentedEventsOnly],
};
