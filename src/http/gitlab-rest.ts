// Moved to gitlab.ts (the one GitLab client); this re-export keeps older imports compiling.
export * from './gitlab.ts';
