import { createContext, use } from 'react';
import type { PortalMe } from '../../client/types.gen';

export type PortalContextValue = {
  /** Pass to every portal call: the session travels explicitly, never through the staff interceptor. */
  headers: { Authorization: string };
  /** Who the session belongs to, once loaded. */
  me: PortalMe | undefined;
};

export const PortalContext = createContext<PortalContextValue | null>(null);

export function usePortal(): PortalContextValue {
  const value = use(PortalContext);
  if (!value) throw new Error('usePortal() outside the portal layout');
  return value;
}

/** The frame's width: room for the section list beside a comfortable line length. */
export const PORTAL_WIDTH = 1080;

/** How far the sticky progress bar reaches down, so that scrolled-to questions are not under it. */
export const STICKY_OFFSET = 112;
