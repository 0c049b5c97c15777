// Stylesheets are imported for their side effect; Vite emits them as a separate .css file.
declare module '*.css';
