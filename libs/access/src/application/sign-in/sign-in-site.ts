/**
 * What the sign-in routes need to know of where Intake is served: the registered redirect URI
 * the provider sends the browser back to, and whether it is plain http on this machine (where
 * browsers drop a Secure cookie). SignInConfig gives it; the module provides it under this token.
 */
export interface SignInSite {
  redirectUri(): string;
  isLocal(): boolean;
}

export const SIGN_IN_SITE = Symbol('SIGN_IN_SITE');
