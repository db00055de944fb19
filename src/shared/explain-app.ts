/**
 * Where the build puts the explanation page's modules (vite.config.ts names that entry's file), where the page's entry
 * loads them from after the first paint (main.ts, by this literal), and what the worker's served page preloads
 * (platform/explain-server.ts). A path from the package's root.
 */
export const EXPLAIN_APP = 'assets/explain-app.js';
