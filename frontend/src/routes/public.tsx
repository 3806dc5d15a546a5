import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { z } from 'zod';
import { safeRedirect } from '../lib/session';
import { tokenStore } from '../lib/token';
import { rootRoute } from './root';
import { flag, optional } from './search';

export const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'sign-in',
  validateSearch: z.object({
    redirect: optional(z.string().max(2000)),
    expired: flag,
  }),
  beforeLoad: ({ search }) => {
    if (tokenStore.get()) throw redirect({ href: safeRedirect(search.redirect) });
  },
  component: lazyRouteComponent(() => import('../features/auth/SignInPage'), 'SignInPage'),
});

export const acceptInvitationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'accept-invitation',
  validateSearch: z.object({ token: optional(z.string().max(200)) }),
  component: lazyRouteComponent(() => import('../features/auth/AcceptInvitationPage'), 'AcceptInvitationPage'),
});

export const signUpRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'sign-up',
  component: lazyRouteComponent(() => import('../features/auth/SignUpPage'), 'SignUpPage'),
});

export const signUpConfirmRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'sign-up/confirm',
  component: lazyRouteComponent(() => import('../features/auth/SignUpPage'), 'SignUpConfirmPage'),
});

export const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'forgot-password',
  component: lazyRouteComponent(() => import('../features/auth/PasswordResetPages'), 'ForgotPasswordPage'),
});

export const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'reset-password',
  component: lazyRouteComponent(() => import('../features/auth/PasswordResetPages'), 'ResetPasswordPage'),
});
