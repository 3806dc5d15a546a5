import { Anchor, type AnchorProps, Button, type ButtonProps, NavLink, type NavLinkProps } from '@mantine/core';
import { createLink, type LinkComponent } from '@tanstack/react-router';
import { forwardRef, type AnchorHTMLAttributes } from 'react';

// Mantine components rendered as router links, with typed `to`/`search`.
type A = AnchorHTMLAttributes<HTMLAnchorElement>;

const AnchorA = forwardRef<HTMLAnchorElement, AnchorProps & A>((props, ref) => <Anchor component="a" ref={ref} {...props} />);
const ButtonA = forwardRef<HTMLAnchorElement, ButtonProps & A>((props, ref) => <Button component="a" ref={ref} {...props} />);
const NavLinkA = forwardRef<HTMLAnchorElement, NavLinkProps & A>((props, ref) => <NavLink component="a" ref={ref} {...props} />);

const AnchorCreated = createLink(AnchorA);
const ButtonCreated = createLink(ButtonA);
const NavLinkCreated = createLink(NavLinkA);

export const AnchorLink: LinkComponent<typeof AnchorA> = (props) => <AnchorCreated preload="intent" {...props} />;
export const ButtonLink: LinkComponent<typeof ButtonA> = (props) => <ButtonCreated preload="intent" {...props} />;
export const NavLinkLink: LinkComponent<typeof NavLinkA> = (props) => <NavLinkCreated preload="intent" {...props} />;
