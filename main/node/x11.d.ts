// The x11 package ships no types; main/node/x-input-filter.ts types what it uses.
declare module 'x11';
