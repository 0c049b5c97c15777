/**
 * The WHATWG URL parser is the one platform global the rules need. It exists
 * identically in Node, Electron and every browser, but it is declared by the
 * DOM and Node type libraries, which the core deliberately does not load.
 */
declare class URL {
  constructor(url: string, base?: string);
  readonly href: string;
  readonly origin: string;
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly host: string;
  readonly hostname: string;
  readonly port: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
}
