/**
 * Where the build puts the explanation page's modules (vite.config.ts names that entry's file) and where the page's
 * entry loads them from after the first paint (main.ts, by this literal). A path from the package's root.
 */
export const EXPLAIN_APP = 'assets/explain-app.js';
